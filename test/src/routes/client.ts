/** Sends requests to the real worker, running in workerd beside the tests. */
import { exports } from 'cloudflare:workers'

export const ORIGIN = 'http://folio.test'

export async function get(path: string, init?: RequestInit) {
  const res = await exports.default.fetch(new Request(ORIGIN + path, init))
  const text = await res.text()
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: res.status, headers: res.headers, body, text }
}

export const search = async (params: Record<string, string>) => {
  const res = await get(`/search?${new URLSearchParams(params)}`)
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(params)}: ${res.status} ${res.text}`)
  return res.body
}

export const LETTER = 'frus1989-92v31-d49'
