/** What the benchmark measures, as bench/run.ts collects it and bench/report.ts writes it. */
import type { Relevance } from './book-index'
import type { HttpResult } from './http'
import type { knownItem } from './stats'
import type { LatencyKind } from './queries'
import type { ScaleResult } from './scale'
import type { WorkerdResult } from './workerd'

export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

export interface EngineResult {
  engine: string
  buildMs: number
  rawBytes: number
  gzipBytes: number
  coldMs: number
  memoryBytes: number
  latency: Record<LatencyKind, Percentiles>
  /** Every kind's samples together. */
  overall: Percentiles
  known?: ReturnType<typeof knownItem>
  knownTypo?: ReturnType<typeof knownItem>
  /** Judged by the volume's own back-of-book index, when the corpus is a TEI volume with one. */
  bookIndex?: Relevance
  answered: number
}

/** Which run measured a corpus, when a report keeps it from an earlier run (`--keep`). */
export interface RunInfo {
  date: string
  commit: string
}

/** A real corpus, Folio beside its peers. */
export interface CorpusResult {
  name: string
  documents: number
  units: number
  textBytes: number
  runs: { build: number; cold: number; passes: number }
  engines: EngineResult[]
  /** Entries of the book index that became queries. */
  bookIndexEntries?: number
  workerd?: WorkerdResult
  run?: RunInfo
}

export interface BenchResult {
  date: string
  /** The commit measured (`-dirty`: with uncommitted changes to the code). */
  commit: string
  quick: boolean
  machine: { os: string; cpu: string; cores: number; memory: string; node: string }
  versions: Record<string, string>
  corpora: CorpusResult[]
  scale: (ScaleResult & { run?: RunInfo })[]
  http?: HttpResult
  /** Relevance judged by the indexes of this machine's GNU info manuals (bench/info-index.ts); absent from quick runs and from reports before 2026-12-05. */
  infoIndex?: InfoIndexResult
}

export interface InfoIndexResult {
  root: string
  manuals: { name: string; entries: number }[]
  results: Relevance[]
}
