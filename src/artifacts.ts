/**
 * The files the build writes and the worker reads. Each data file is named by
 * its content hash and never changes; the small manifest maps to them.
 */
import type { Document, Page, Volume } from './model'

/** Bumped when the files change shape; the worker refuses a manifest of another format. */
export const FORMAT = 2

/** Where the files live inside the assets directory, and so under the ASSETS binding. */
export const INDEX_PATH = 'index'
export const MANIFEST_FILE = 'manifest.json'

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

export interface Manifest {
  format: number
  /** Hash of every data file: changes exactly when the served index does. */
  hash: string
  /** ISO time of the build (`SOURCE_DATE_EPOCH` when set, for reproducible builds). */
  builtAt: string
  counts: Counts & { volumes: VolumeCounts[] }
  /**
   * The data files, by what they hold; a large one is cut into parts (asset
   * files have a size limit), to be joined in order.
   */
  files: { pack: string[]; text: string[]; documents: string[] }
  /** Total size of the data files. */
  bytes: { raw: number; gzip: number }
}

/** The pack's JSON meta (see src/pack.ts; sections are listed in index/pack-index.ts). */
export interface PackMeta {
  units: number
  averageLength: number
  /** Page labels, which the `pageLabel` section indexes. */
  pageLabels: Page[]
  /** Footnotes whose label is not their ordinal: unit position → label, or null for none. */
  labels: Record<number, string | null>
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

/** The documents file. */
export interface DocumentsFile {
  volumes: Omit<Volume, 'pages'>[]
  documents: DocumentEntry[]
}
