/**
 * Folio's cold start in workerd itself: the worker as `wrangler deploy`
 * bundles it, its index as static assets, a fresh Miniflare instance per run,
 * timed from its creation to the first answered search.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { Miniflare } from 'miniflare'
import { median } from './stats'

export interface WorkerdResult {
  runs: number
  /** Creation of the Miniflare instance to the first answer: workerd starting, the isolate, the index load, the query. */
  coldMs: number
  /** The first request alone: the index loaded from assets, and the query answered. */
  firstRequestMs: number
  /** The same request again, on the warm isolate. */
  warmMs: number
  bundleBytes: number
  bundleGzipBytes: number
}

/** The worker bundled by wrangler, once per process. */
let bundle: string | undefined

function bundled(): string {
  if (bundle) return bundle
  const out = mkdtempSync(join(tmpdir(), 'folio-bundle-'))
  const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (r.status !== 0) throw new Error(`bench: wrangler could not bundle the worker: ${r.stderr}`)
  return (bundle = join(out, 'worker.js'))
}

/** `compatibility_date` from wrangler.toml, so that Miniflare runs the worker as wrangler would. */
function compatibilityDate(): string {
  const m = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))
  if (!m) throw new Error('bench: wrangler.toml has no compatibility_date')
  return m[1]!
}

export async function workerdColdStart(indexDir: string, query: string, runs: number): Promise<WorkerdResult> {
  const script = bundled()
  const assets = mkdtempSync(join(tmpdir(), 'folio-assets-'))
  mkdirSync(join(assets, 'index'))
  cpSync(indexDir, join(assets, 'index'), { recursive: true })
  const url = `http://localhost/search?${new URLSearchParams({ q: query })}`
  const cold: number[] = []
  const first: number[] = []
  const warm: number[] = []
  for (let r = 0; r < runs; r++) {
    const started = performance.now()
    const mf = new Miniflare({
      modules: true,
      scriptPath: script,
      modulesRoot: dirname(script),
      compatibilityDate: compatibilityDate(),
      assets: { directory: assets, binding: 'ASSETS', routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true } },
    })
    await mf.ready
    const sent = performance.now()
    const res = await mf.dispatchFetch(url)
    if (res.status !== 200) throw new Error(`bench: workerd answered ${res.status}: ${await res.text()}`)
    await res.arrayBuffer()
    const answered = performance.now()
    const again = await mf.dispatchFetch(url)
    await again.arrayBuffer()
    warm.push(performance.now() - answered)
    cold.push(answered - started)
    first.push(answered - sent)
    await mf.dispose()
  }
  rmSync(assets, { recursive: true })
  const bytes = readFileSync(script)
  return {
    runs,
    coldMs: median(cold),
    firstRequestMs: median(first),
    warmMs: median(warm),
    bundleBytes: bytes.byteLength,
    bundleGzipBytes: gzipSync(bytes).byteLength,
  }
}
