/**
 * The files of the paged index, as the build writes them and the worker
 * reads them. All but the manifest are named by content hash and never
 * change; the manifest names the resident file, and the resident file names
 * every page.
 *
 * - `manifest.json`: format, hash, counts, the resident file's name.
 * - `resident.*.bin` (read once per isolate): the page tables, the sparse
 *   indexes of the sorted tables, and per-document facts compact enough to
 *   filter and facet millions of units without reading a page.
 * - `lexicon.*.bin`: sorted words and terms (src/format/lexicon.ts).
 * - `completions.*.bin`: for every prefix that begins more words than one
 *   page holds, its most widespread words, with their lexicon entries.
 * - `postings.*.bin`, `positions.*.bin`: byte streams cut into pages
 *   (src/format/postings.ts), addressed by offset from the lexicon.
 * - `units.*.bin`: the units in reading order, text and facts, whole units per page.
 * - `documents.*.bin`: the documents' facts (JSON each), in order, whole documents per page.
 * - `terms.*.json`, `people.*.json`: the volumes' abbreviations and persons
 *   lists, read when a page or a listing first needs them (queries find
 *   abbreviations in the lexicon, volumes' facts and persons' surnames in the
 *   resident file).
 */
import type { Document, Page, Volume } from '../model'

/** Bumped when the files change shape; the worker refuses a manifest of another format. */
export const FORMAT = 9

export const INDEX_PATH = 'index'
export const MANIFEST_FILE = 'manifest.json'
/** Beside the manifest while the last build failed and the index before it is served (`wrangler dev`): why it failed. */
export const LAST_BUILD_FILE = 'last-build.json'

/** What {@link LAST_BUILD_FILE} holds. */
export interface FailedBuild {
  failed_at: string
  corpus: string
  /** The errors, as the build printed them (`file:line: error: message`). */
  errors: string[]
}

/** What went into the index, in all or for one volume. */
export interface Counts {
  /** Numbered documents. */
  documents: number
  /** Front-matter sections (preface, sources, abbreviations, persons). */
  sections: number
  titles: number
  heads: number
  paragraphs: number
  footnotes: number
  /** Printed pages: every page break of a TEI volume, the distinct pages of page-text documents. */
  pages: number
  units: number
}

/** The counts of one volume (`id` empty for documents of no known volume). */
export interface VolumeCounts extends Counts {
  id: string
  title: string
}

/** A document in the documents file: its facts and where its units are. */
export interface DocumentEntry extends Omit<Document, 'units'> {
  /** Its units are `units[first]` to `units[first + count - 1]`, in reading order. */
  first: number
  count: number
  /** Persons it names (by id), and how many times. */
  people?: Record<string, number>
  /** The documents it refers to, in the corpus or not (ids), in order of first reference. */
  references?: string[]
  /** Its first and last page (notes stand on the pages that cite them, so the range is the text's); empty when unknown. */
  pages: Page[]
}

export interface Manifest {
  format: number
  /** Hash of every data file: changes exactly when the served index does. */
  hash: string
  /** ISO time of the build (`SOURCE_DATE_EPOCH` when set, for reproducible builds). */
  builtAt: string
  /** Hash of the corpus files and the build's code: an unchanged one means the index is up to date. */
  inputs: string
  counts: Counts & { volumes: VolumeCounts[] }
  /** The resident file, which names the others. */
  resident: string
  /** Files and their total size. */
  files: number
  bytes: { raw: number; gzip: number }
}

/** The page files of each kind, in order. */
export const PAGE_KINDS = ['lexicon', 'completions', 'postings', 'positions', 'units', 'documents'] as const
export type PageKind = (typeof PAGE_KINDS)[number]

/** The resident sparse index of a sorted table: every `step`-th key, and each page's first key number. */
export interface SortedIndex {
  step: number
  keys: string[]
  pages: number[]
  /** For each step, how much of its first key every key of the step begins with. */
  shared: number[]
}

/** The resident file's JSON meta. */
export interface ResidentMeta {
  units: number
  /** MiniSearch's average unit length (its running mean, in unit order). */
  averageLength: number
  documents: number
  /** Size of the postings and positions pages (every one but the last of each stream). */
  streamPageBytes: number
  lexicon: { step: number }
  /** The lexicon's key filter (the `keyFilter` section's bits): its hashes and the keys' code units (src/key-filter.ts). */
  keyFilter: { hashes: number; alphabet: string }
  completions: { step: number }
  /** Words of a prefix above which its completions are precomputed. */
  completionThreshold: number
  /** Completions kept per prefix. */
  completionCount: number
  /** The volumes' facts: title parts (their lists of abbreviations and persons are files of their own). */
  volumes: Omit<Volume, 'pages' | 'persons' | 'terms'>[]
  terms: string
  people: string
}
