/**
 * The worker over a broken index: every kind of index file missing,
 * truncated or damaged in turn. Each is a 503 `index_unavailable` naming the
 * file (never a 500, never a wrong answer), /health says so, and the worker
 * recovers once the file is back. The app runs in Node over a copy of the
 * built index, a fresh isolate (module instance) per case.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { tempDir } from '../support/temp'

const BUILT = 'build'

/** A request that reads every file of each kind it names. */
const READS: Record<string, string> = {
  manifest: '/search?q=radar',
  resident: '/search?q=radar',
  lexicon: '/search?q=radar',
  completions: '/search?q=th*',
  postings: '/search?q=radar',
  positions: '/search?q=%22Washington%20summit%22',
  units: '/search?q=radar',
  documents: '/documents',
  terms: '/documents/frus1989-92v31-d49',
  people: '/people',
}

type Damage = 'missing' | 'truncated' | 'damaged'

function harm(path: string, damage: Damage): void {
  if (damage === 'missing') return rmSync(path)
  const bytes = readFileSync(path)
  if (damage === 'truncated') return writeFileSync(path, bytes.subarray(0, bytes.length - 1))
  const middle = bytes.length >> 1
  bytes[middle] = bytes[middle]! ^ 0x55
  writeFileSync(path, bytes)
}

/** A fresh worker over a copy of the index; `files(kind)` are the copy's files of a kind. */
async function worker() {
  const dir = tempDir('folio-broken-')
  cpSync(BUILT, dir, { recursive: true })
  const index = join(dir, 'index')
  vi.resetModules()
  const { app } = await import('../../src/app')
  const env = {
    ASSETS: {
      fetch: async (request: Request) => {
        try {
          return new Response(readFileSync(join(dir, new URL(request.url).pathname)))
        } catch {
          return new Response('not found', { status: 404 })
        }
      },
    },
  }
  const get = async (path: string) => {
    const res = await app.fetch(new Request(`http://folio.test${path}`), env)
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; last_build?: unknown } }
  }
  const files = (kind: string) => readdirSync(index).filter((f) => f.startsWith(`${kind}.`)).map((f) => join(index, f))
  return { get, files, index }
}

describe('a broken index', () => {
  const cases = Object.keys(READS).flatMap((kind) => (['missing', 'truncated', 'damaged'] as const).map((damage) => [kind, damage] as const))
  // A manifest has no size or hash to check it by: damaged, it is not JSON or names files that are not there.
  for (const [kind, damage] of cases.filter(([k, d]) => !(k === 'manifest' && d === 'truncated'))) {
    it(`${kind} ${damage}: 503 naming the file, /health says so, and all is well once it is back`, async () => {
      const { get, files } = await worker()
      const request = READS[kind]!
      const originals = files(kind).map((path) => [path, readFileSync(path)] as const)
      expect(originals.length).toBeGreaterThan(0)
      for (const [path] of originals) harm(path, damage)

      const res = await get(request)
      expect(res.status, request).toBe(503)
      expect(res.body.error!.code).toBe('index_unavailable')
      expect(originals.some(([path]) => res.body.error!.message.includes(path.slice(path.lastIndexOf('/') + 1))), res.body.error!.message).toBe(true)
      const health = await get('/health')
      expect(health.status).toBe(503)
      expect(health.body.error!.code).toBe('index_unavailable')

      for (const [path, bytes] of originals) writeFileSync(path, bytes)
      expect((await get('/health')).status).toBe(200)
      expect((await get(request)).status, request).toBe(200)
    })
  }
})

describe('a failed build under wrangler dev', () => {
  it('leaves the last good index served, and /health says why the new one failed', async () => {
    const { get, index } = await worker()
    expect((await get('/health')).body.last_build).toBeUndefined()
    const failed = { failed_at: '2026-12-01T02:20:00.000Z', corpus: 'corpus', errors: ['corpus/b.txt:2: error: not UTF-8: byte 0xff at offset 5; re-save the file as UTF-8'] }
    writeFileSync(join(index, 'last-build.json'), JSON.stringify(failed))
    const health = await get('/health')
    expect(health.status).toBe(200)
    expect(health.body.last_build).toEqual(failed)
    expect((await get('/search?q=radar')).status).toBe(200)
  })
})
