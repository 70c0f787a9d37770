/**
 * `npm run bench [-- --quick] [--corpora letter,volume,10MB,50MB]`: Folio and
 * its peers, measured side by side in one run on the same units and queries.
 * Writes docs/benchmarks.md, docs/benchmarks.json and docs/benchmarks.svg.
 *
 * `--quick` (CI's smoke test, under a minute): the letter and the volume, one
 * run each, ten queries a kind; it checks that every engine ran and answered,
 * and fails otherwise. It writes its report to a temporary folder, not docs/.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir, type as osType, release } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { readCorpus } from '../index/corpus'
import type { Document } from '../src/model'
import { textSize } from './corpus'
import { ENGINES, type BenchCorpus, type Files } from './engines'
import { httpLoad, type HttpResult } from './http'
import { LATENCY_KINDS, makeQueries, type LatencyKind, type QuerySet } from './queries'
import { renderPlot, renderReport } from './report'
import { knownItem, median, quantile } from './stats'
import { workerdColdStart, type WorkerdResult } from './workerd'

export interface EngineResult {
  engine: string
  buildMs: number
  rawBytes: number
  gzipBytes: number
  coldMs: number
  memoryBytes: number
  latency: Record<LatencyKind, { p50: number; p95: number; p99: number }>
  /** Every kind's samples together. */
  overall: { p50: number; p95: number; p99: number }
  known?: ReturnType<typeof knownItem>
  knownTypo?: ReturnType<typeof knownItem>
  answered: number
}

export interface CorpusResult {
  name: string
  documents: number
  units: number
  textBytes: number
  runs: { build: number; cold: number; passes: number }
  engines: EngineResult[]
  workerd?: WorkerdResult
  note?: string
}

export interface BenchResult {
  date: string
  quick: boolean
  machine: { os: string; cpu: string; cores: number; memory: string; node: string }
  versions: Record<string, string>
  corpora: CorpusResult[]
  http?: HttpResult
}

const CORPORA = ['letter', 'volume'] as const
type CorpusName = (typeof CORPORA)[number]
const SIZES: Partial<Record<CorpusName, number>> = {}
const QUERY_SEED = 20261128

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    corpora: { type: 'string' },
    'write-queries': { type: 'boolean', default: false },
  },
})
const quick = args.quick!
const chosen = (args.corpora?.split(',') ?? (quick ? ['letter', 'volume'] : [...CORPORA])) as CorpusName[]

async function main() {
  const files: Record<CorpusName, string> = { letter: 'corpus/frus1989-92v31-d49.txt', volume: 'corpus/frus1964-68v29p2.xml' }
  const results: CorpusResult[] = []
  for (const name of chosen) {
    const dir = mkdtempSync(join(tmpdir(), `folio-bench-corpus-${name}-`))
    copyFileSync(files[name], join(dir, basename(files[name])))
    const { documents, volumes } = await readCorpus(dir)
    const queries = querySet(name, documents)
    log(`${name}: ${documents.length} documents, ${(textSize(documents) / 1e6).toFixed(1)} MB of text`)
    results.push(await benchCorpus(name, { dir, documents, volumes }, queries))
    rmSync(dir, { recursive: true })
  }
  const http = quick ? undefined : await httpLoad(log)
  const report: BenchResult = { date: new Date().toISOString(), quick, machine: machine(), versions: versions(), corpora: results, ...(http && { http }) }

  const failures = results.flatMap((c) => c.engines.filter((e) => e.answered === 0).map((e) => `${e.engine} on ${c.name}`))
  const out = quick ? mkdtempSync(join(tmpdir(), 'folio-bench-report-')) : 'docs'
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'benchmarks.json'), JSON.stringify(report, null, 2) + '\n')
  writeFileSync(join(out, 'benchmarks.md'), renderReport(report))
  writeFileSync(join(out, 'benchmarks.svg'), renderPlot(report))
  log(`report written to ${out}/benchmarks.md`)
  if (failures.length > 0) {
    console.error(`bench: no answers from ${failures.join(', ')}`)
    process.exitCode = 1
  }
}

/** The committed query set of a corpus; written (from `source`) when asked or missing. */
function querySet(name: CorpusName, source: readonly Document[]): QuerySet {
  const path = `bench/queries/${name}.json`
  let set: QuerySet
  try {
    if (args['write-queries']) throw new Error('rewrite')
    set = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    const units = source.flatMap((d) => d.units.map((u) => ({ id: u.id, text: u.text })))
    set = makeQueries(name, units, QUERY_SEED)
    mkdirSync('bench/queries', { recursive: true })
    writeFileSync(path, JSON.stringify(set, null, 1) + '\n')
  }
  if (!quick) return set
  const cut = <T>(xs: T[]) => xs.slice(0, 10)
  return { ...set, single: cut(set.single), two: cut(set.two), three: cut(set.three), phrase: cut(set.phrase), prefix: cut(set.prefix), typo: cut(set.typo), known: cut(set.known), knownTypo: cut(set.knownTypo) }
}

async function benchCorpus(name: CorpusName, corpus: BenchCorpus, queries: QuerySet): Promise<CorpusResult> {
  const { documents } = corpus
  const big = (SIZES[name] ?? 0) >= 50e6
  // The 50 MB corpus is measured once per figure: its slowest peers take minutes a pass.
  const runs = { build: quick || big ? 1 : 3, cold: quick ? 1 : big ? 3 : 5, passes: quick || big ? 1 : 3 }
  // Known items are measured where each answer is one unit; the synthetic corpora repeat units.
  const measureKnown = !(name in SIZES)
  const engines: EngineResult[] = []
  let folioDir: string | undefined
  for (const e of ENGINES) {
    log(`  ${e.name}: building`)
    const builds: number[] = []
    let files: Files = new Map()
    for (let r = 0; r < runs.build; r++) {
      globalThis.gc?.()
      const t = performance.now()
      files = await e.build(corpus)
      builds.push(performance.now() - t)
    }
    const dir = mkdtempSync(join(tmpdir(), `folio-bench-${e.name}-`))
    for (const [f, bytes] of files) writeFileSync(join(dir, f), bytes)
    const rawBytes = [...files.values()].reduce((n, b) => n + b.byteLength, 0)
    const gzipBytes = [...files.values()].reduce((n, b) => n + gzipSync(b).byteLength, 0)

    log(`  ${e.name}: cold loads`)
    const colds = Array.from({ length: runs.cold }, () => coldLoad(e.name, dir, queries.two[0]!))

    log(`  ${e.name}: queries`)
    const searcher = await e.load(files)
    // Warm up: every query once (on the 50 MB corpus, five of each kind).
    for (const kind of LATENCY_KINDS) for (const q of texts(queries, kind).slice(0, big ? 5 : undefined)) await searcher.search(q, 10)
    const samples = Object.fromEntries(LATENCY_KINDS.map((k) => [k, [] as number[]])) as Record<LatencyKind, number[]>
    let answered = 0
    for (let pass = 0; pass < runs.passes; pass++) {
      for (const kind of LATENCY_KINDS) {
        for (const q of texts(queries, kind)) {
          const t = performance.now()
          const hits = await searcher.search(q, 10)
          samples[kind].push(performance.now() - t)
          if (hits.length > 0) answered++
        }
      }
    }
    const rank = async (items: QuerySet['known']) => {
      const ranks = []
      for (const { q, answer } of items) ranks.push((await searcher.search(q, 10)).indexOf(answer) + 1)
      return knownItem(ranks)
    }
    const all = Object.values(samples).flat()
    engines.push({
      engine: e.name,
      buildMs: median(builds),
      rawBytes,
      gzipBytes,
      coldMs: median(colds.map((c) => c.ms)),
      memoryBytes: median(colds.map((c) => c.bytes)),
      latency: Object.fromEntries(LATENCY_KINDS.map((k) => [k, percentiles(samples[k])])) as EngineResult['latency'],
      overall: percentiles(all),
      ...(measureKnown && { known: await rank(queries.known), knownTypo: await rank(queries.knownTypo) }),
      answered,
    })
    if (e.name === 'Folio') folioDir = dir
    else rmSync(dir, { recursive: true })
  }

  let workerd: WorkerdResult | undefined
  let note: string | undefined
  if (big) note = 'The 50 MB corpus is over what one Worker can hold (the build refuses it for target workers), so it has no workerd figures.'
  else if (folioDir) {
    log(`  Folio: workerd cold starts`)
    workerd = await workerdColdStart(folioDir, queries.two[0]!, runs.cold)
  }
  if (folioDir) rmSync(folioDir, { recursive: true })
  return {
    name,
    documents: documents.length,
    units: documents.reduce((n, d) => n + d.units.length, 0),
    textBytes: textSize(documents),
    runs,
    engines,
    ...(workerd && { workerd }),
    ...(note && { note }),
  }
}

function texts(queries: QuerySet, kind: LatencyKind): string[] {
  const list = queries[kind]
  return list.map((q) => (typeof q === 'string' ? q : q.q))
}

function percentiles(xs: number[]) {
  return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), p99: quantile(xs, 0.99) }
}

function coldLoad(name: string, dir: string, query: string): { ms: number; bytes: number } {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/cold.ts', name, dir, query], {
    encoding: 'utf8', maxBuffer: 1 << 20,
  })
  if (child.status !== 0) throw new Error(`bench: cold load of ${name} failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!)
}

function machine(): BenchResult['machine'] {
  const cpu = cpus()
  return {
    os: `${osType()} ${release()}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
  }
}

function versions(): Record<string, string> {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages as Record<string, { version: string }>
  const of = (name: string) => lock[`node_modules/${name}`]?.version ?? '?'
  return {
    folio: JSON.parse(readFileSync('package.json', 'utf8')).version,
    minisearch: of('minisearch'),
    flexsearch: of('flexsearch'),
    '@orama/orama': of('@orama/orama'),
    lunr: of('lunr'),
    wrangler: of('wrangler'),
    miniflare: of('miniflare'),
    workerd: of('workerd'),
  }
}

function log(line: string) {
  process.stderr.write(`${line}\n`)
}

await main()
