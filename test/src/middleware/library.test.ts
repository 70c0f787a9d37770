import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../../src/app'
import { forgetIndex } from '../../../src/middleware/library'

/** Pages a search fetched from the assets (its Server-Timing), not read from the isolate's cache. */
async function fetched(q: string): Promise<number> {
  const res = await app.request(`/search?q=${q}`, {}, env)
  expect(res.status).toBe(200)
  await res.text()
  return Number(/fetched;desc="(\d+)"/.exec(res.headers.get('Server-Timing') ?? '')?.[1])
}

describe('library', () => {
  it('keeps the loaded index and its pages across requests, and reads them anew once told to forget it', async () => {
    await fetched('radar')
    expect(await fetched('radar')).toBe(0)
    forgetIndex()
    expect(await fetched('radar')).toBeGreaterThan(0)
    expect(await fetched('radar')).toBe(0)
  })
})
