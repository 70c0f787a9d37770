/**
 * Folio at scale, on a generated corpus of real prose (bench/corpus.ts):
 * the build as a user runs it (the CLI, in a child process: time, peak
 * memory, files, bytes, and a rebuild with nothing changed and with one
 * volume changed), queries in Node (bench/folio-node.ts) and in workerd with
 * the edge's delays (bench/workerd.ts), hostile queries, and plain MiniSearch
 * beside it where it can hold the corpus (bench/minisearch-node.ts).
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, copyFileSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readCorpus } from '../index/corpus'
import type { Manifest } from '../src/format/layout'
import { generateCorpus, type GeneratedCorpus } from './corpus'
import type { NodeQueries, NodeResult } from './folio-node'
import type { MiniSearchResult } from './minisearch-node'
import { hostileQueries, LATENCY_KINDS, makeQueries } from './queries'
import { random, shuffle } from './random'
import { TIMED_PASSES } from './stats'
import { workerdQueries, type WorkerdResult } from './workerd'

export interface BuildFigures {
  seconds: number
  /** The build process's peak resident memory, as it reports it. */
  peakBytes: number
  files: number
  rawBytes: number
  gzipBytes: number
  units: number
  /** A second build, nothing changed: the index is found up to date. */
  upToDateSeconds: number
  /** A build after one volume changed, the others' groups taken from the cache. */
  oneChangedSeconds: number
  /** The groups of files that build took from the cache (absent from reports made before it was counted). */
  oneChangedGroups?: { reused: number; total: number }
}

export interface ScaleResult {
  name: string
  corpus: Omit<GeneratedCorpus, 'dir'>
  build: BuildFigures
  queries: NodeQueries
  folio: NodeResult
  workerd: WorkerdResult
  minisearch?: MiniSearchResult
  /** Why MiniSearch has no figures, when it has none. */
  minisearchNote?: string
}

const QUERY_SEED = 20261130

export interface ScaleOptions {
  cache: string
  quick: boolean
  /** Largest corpus plain MiniSearch is asked to load. */
  minisearchUpTo: number
  log: (line: string) => void
}

export async function benchScale(name: string, size: number, options: ScaleOptions): Promise<ScaleResult> {
  const { log, quick } = options
  log(`${name}: generating the corpus (or reading it from ${options.cache})`)
  const { dir, ...corpus } = await generateCorpus(size, options.cache)
  log(`${name}: ${(corpus.textBytes / 1e6).toFixed(0)} MB of text, ${corpus.documents} documents, ${corpus.vocabulary.at(-1)![1]} distinct words`)

  const out = mkdtempSync(join(tmpdir(), `folio-scale-${name}-`))
  const build = buildFigures(dir, out, log)

  // Queries drawn from a few volumes (the whole corpus may not fit in memory); known items need the whole corpus and are left to the real corpora.
  const volumes = shuffle(readdirSync(dir).filter((f) => f.endsWith('.xml')).sort(), random(QUERY_SEED)).slice(0, 3)
  const sample = mkdtempSync(join(tmpdir(), 'folio-scale-sample-'))
  for (const v of volumes) linkOrCopy(join(dir, v), join(sample, v))
  const units = (await readCorpus(sample)).documents.flatMap((d) => d.units.map((u) => ({ id: u.id, text: u.text })))
  rmSync(sample, { recursive: true })
  const set = makeQueries(name, units, QUERY_SEED, { each: quick ? 10 : 40, known: 0 })
  const kinds = LATENCY_KINDS.filter((k) => !k.startsWith('known'))
  const busy = makeQueries(name, units, QUERY_SEED + 1, { each: quick ? 20 : 200, known: 0 })
  const queries: NodeQueries = {
    kinds: Object.fromEntries(kinds.map((k) => [k, set[k] as string[]])),
    hostile: hostileQueries(units, QUERY_SEED),
    busy: kinds.flatMap((k) => busy[k] as string[]),
  }
  const queriesFile = join(out, '..', `folio-scale-${name}-queries.json`)
  writeFileSync(queriesFile, JSON.stringify(queries))

  log(`${name}: Folio's queries in Node`)
  const folio = child<NodeResult>(['--expose-gc', '--import', 'tsx', 'bench/folio-node.ts', out, queriesFile, String(quick ? 1 : TIMED_PASSES)])
  log(`${name}: Folio in workerd`)
  const workerd = await workerdQueries(out, queries.kinds, { coldStarts: quick ? 1 : 5, coldPerKind: quick ? 3 : 20, warmPasses: quick ? 1 : 3 }, log)

  let minisearch: MiniSearchResult | undefined
  let minisearchNote: string | undefined
  if (size > options.minisearchUpTo) minisearchNote = `plain MiniSearch was not asked to load ${name}: it holds its whole index in memory, about 40 times the text at 100 MB.`
  else {
    log(`${name}: plain MiniSearch`)
    try {
      // Its p50 is a target's measure at 10 MB; past it, its phrases take 0.7 s at the median at 100 MB, and fifteen passes half an hour.
      const passes = quick ? 1 : size <= 10e6 ? TIMED_PASSES : 3
      minisearch = child<MiniSearchResult>(['--expose-gc', '--max-old-space-size=20000', '--import', 'tsx', 'bench/minisearch-node.ts', dir, queriesFile, String(passes)])
    } catch (e) {
      minisearchNote = `plain MiniSearch could not load ${name}: ${(e as Error).message.slice(0, 200)}`
    }
  }
  rmSync(out, { recursive: true })
  rmSync(queriesFile)
  return { name, corpus, build, queries, folio, workerd, ...(minisearch && { minisearch }), ...(minisearchNote && { minisearchNote }) }
}

/**
 * Builds the corpus with the CLI as a user would, then again unchanged, then
 * with one volume edited in place. The corpus is built from a folder of links
 * to its files: a cached group is keyed by its files' paths as the build names
 * them, so the edited corpus must stay where it was built from (a copy
 * elsewhere would be built afresh, every group read again).
 */
function buildFigures(dir: string, out: string, log: (line: string) => void): BuildFigures {
  const cache = mkdtempSync(join(tmpdir(), 'folio-scale-cache-'))
  const work = mkdtempSync(join(tmpdir(), 'folio-scale-corpus-'))
  const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()
  for (const f of files) linkOrCopy(join(dir, f), join(work, f))
  const cli = (into: string) => {
    const started = performance.now()
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'index/cli.ts', '--corpus', work, '--out', into, '--cache', cache, '--target', 'workers-free'], {
      encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, SOURCE_DATE_EPOCH: '0' },
    })
    if (r.status !== 0) throw new Error(`bench: the build of ${work} failed: ${r.stderr.slice(-2000)}`)
    const groups = /\((\d+) of (\d+) groups of files reused/.exec(r.stdout)
    return { seconds: (performance.now() - started) / 1000, stdout: r.stdout, groups: groups ? { reused: Number(groups[1]), total: Number(groups[2]) } : undefined }
  }
  log('  build')
  const first = cli(out)
  const memory = /memory\s+([\d.]+) (KB|MB) at most/.exec(first.stdout)
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest
  log(`  build: ${first.seconds.toFixed(1)} s, ${memory?.[0]}`)
  const upToDate = cli(out)

  // One volume edited in place (its link replaced by a changed copy), built into a folder of its own: the index measured next is the corpus's own.
  const victim = files[Math.floor(files.length / 2)]!
  rmSync(join(work, victim))
  copyFileSync(join(dir, victim), join(work, victim))
  appendFileSync(join(work, victim), '<!-- changed -->\n')
  log('  build with one volume changed')
  const elsewhere = mkdtempSync(join(tmpdir(), 'folio-scale-changed-index-'))
  const oneChanged = cli(elsewhere)
  log(`  build with one volume changed: ${oneChanged.seconds.toFixed(1)} s, ${oneChanged.groups?.reused} of ${oneChanged.groups?.total} groups reused`)
  for (const folder of [work, elsewhere, cache]) rmSync(folder, { recursive: true })
  return {
    seconds: first.seconds,
    peakBytes: memory ? Number(memory[1]) * (memory[2] === 'MB' ? 2 ** 20 : 1024) : NaN,
    files: manifest.files,
    rawBytes: manifest.bytes.raw,
    gzipBytes: manifest.bytes.gzip,
    units: manifest.counts.units,
    upToDateSeconds: upToDate.seconds,
    oneChangedSeconds: oneChanged.seconds,
    ...(oneChanged.groups && { oneChangedGroups: oneChanged.groups }),
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch {
    copyFileSync(from, to)
  }
}

/** Runs a bench script in a node of its own (for half an hour at most) and reads the JSON it prints last. */
function child<T>(args: string[]): T {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 30 * 60_000 })
  if (r.status !== 0) throw new Error(r.error ? r.error.message : r.stderr.slice(-2000) || `exit ${r.status}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T
}

