/**
 * Turns documents into the files the worker serves: the MiniSearch index,
 * the units with their clean text, the documents, the vocabulary, and the
 * manifest that names them by content hash.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import MiniSearch from 'minisearch'
import {
  FORMAT, MANIFEST_FILE, type DocumentEntry, type DocumentsFile, type Manifest,
} from '../src/artifacts'
import { indexOptions, type IndexedUnit } from './engine'
import { surname, type Document, type Unit, type Volume } from '../src/model'
import { countDocuments, documentEntry, indexedText } from './documents'
import { packIndex } from './pack-index'
import { tokenize } from '../src/text'

/**
 * One word of the corpus vocabulary, sorted by `word`: its folded form, its
 * index term, how many units contain it, and how it is most often written
 * when that differs from the folded form. The pack holds it as parallel lists (src/vocabulary.ts reads them).
 */
export type VocabularyEntry = [word: string, term: string, units: number, display?: string]

/** The vocabulary: every folded word, its term, in how many units, and its usual spelling. */
export function buildVocabulary(units: readonly Unit[]): VocabularyEntry[] {
  const words = new Map<string, { term: string; units: number; spellings: Map<string, number> }>()
  for (const unit of units) {
    const seen = new Set<string>()
    for (const t of tokenize(unit.text)) {
      let entry = words.get(t.word)
      if (!entry) words.set(t.word, (entry = { term: t.term, units: 0, spellings: new Map() }))
      if (!seen.has(t.word)) {
        seen.add(t.word)
        entry.units++
      }
      const spelling = unit.text.slice(t.start, t.end)
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1)
    }
  }
  return [...words.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, { term, units, spellings }]) => {
      const display = usualSpelling(spellings)
      return display === word ? [word, term, units] : [word, term, units, display]
    })
}

/** The most frequent spelling; lower case wins a tie, then the first in code-point order. */
function usualSpelling(spellings: Map<string, number>): string {
  let best = ''
  let bestCount = -1
  for (const [s, n] of [...spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n > bestCount || (n === bestCount && s === s.toLowerCase() && best !== best.toLowerCase())) {
      best = s
      bestCount = n
    }
  }
  return best
}

/** What a deployment target can hold. */
export interface Target {
  /** Memory of one isolate. */
  memory: number
  /** Largest file the target serves as a static asset. */
  fileBytes: number
  /** Most asset files. */
  files: number
}

/** Cloudflare Workers' limits (Free and Paid alike): 128 MB per isolate, 25 MiB per asset, 20,000 assets. */
export const TARGETS = {
  workers: { memory: 128 * 2 ** 20, fileBytes: 25 * 2 ** 20, files: 20_000 },
  unlimited: { memory: Infinity, fileBytes: Infinity, files: Infinity },
} as const satisfies Record<string, Target>

export type TargetName = keyof typeof TARGETS

const EXTENSIONS = { pack: 'bin', text: 'txt', documents: 'json' } as const
/** Files of an earlier build (any content-hashed name), removed once the new index is in place. */
const OLD_FILE = /^[a-z]+\.[0-9a-f]{16}(\.\d+)?\.(bin|txt|json)$/

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const aside = `${path}.${process.pid}.tmp`
  await writeFile(aside, data)
  await rename(aside, path)
}

/** Files are cut into parts of at most this size, well under the asset limit. */
const PART_BYTES = 20 * 2 ** 20
/** Share of isolate memory the loaded index may take; the rest is for answering queries. */
const MEMORY_SHARE = 0.6

/** Raised when the index is too big for the target; the message names the limit. */
export class TargetLimitError extends Error {}

export interface WriteOptions {
  /** Folder the files are written to; its old index files are removed. */
  out: string
  /** Time recorded as the build time. */
  builtAt: Date
  /** Where the index will be served. Default: workers. */
  target?: TargetName
  /** Called as units are indexed. */
  onProgress?: (done: number, total: number) => void
}

/** Units indexed between progress reports. */
const BATCH = 2000

/** Builds the index over `documents` and writes every file. Returns the manifest written. */
export async function writeIndex(documents: readonly Document[], volumes: readonly Volume[], options: WriteOptions): Promise<Manifest> {
  const units = documents.flatMap((d) => d.units)
  const entries: DocumentEntry[] = []
  let first = 0
  for (const doc of documents) {
    entries.push(documentEntry(doc, first))
    first += doc.units.length
  }
  // Volumes known only from page-text document ids are listed by id.
  const volumeList = volumes.map(({ pages: _pages, ...facts }) => facts)
  for (const d of documents) {
    if (d.volume !== undefined && !volumeList.some((v) => v.id === d.volume)) volumeList.push({ id: d.volume, title: d.volume })
  }
  const documentsFile: DocumentsFile = { volumes: volumeList, documents: entries }

  const surnames = new Map(volumes.flatMap((v) => (v.persons ?? []).map((p) => [p.id, surname(p)])))
  const search = new MiniSearch<IndexedUnit>(indexOptions)
  for (let from = 0; from < units.length; from += BATCH) {
    options.onProgress?.(from, units.length)
    search.addAll(units.slice(from, from + BATCH).map((u, k) => ({ i: from + k, text: indexedText(u, surnames) })))
  }
  options.onProgress?.(units.length, units.length)
  if (search.documentCount !== units.length) {
    throw new Error(`folio: the index holds ${search.documentCount} units but ${units.length} went in`)
  }

  const { pack, text } = packIndex(units, search, buildVocabulary(units))
  const data = { pack, text, documents: new TextEncoder().encode(JSON.stringify(documentsFile)) }
  checkTarget({ pack: pack.byteLength, text: text.byteLength, documents: data.documents.byteLength }, options.target ?? 'workers')

  const files = { pack: [], text: [], documents: [] } as Manifest['files']
  const written: [string, Uint8Array][] = []
  const all = createHash('sha256')
  let raw = 0
  let gzip = 0
  for (const [name, bytes] of Object.entries(data) as [keyof typeof data, Uint8Array][]) {
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16)
    all.update(hash)
    raw += bytes.byteLength
    gzip += gzipSync(bytes).length
    const count = Math.max(1, Math.ceil(bytes.byteLength / PART_BYTES))
    for (let k = 0; k < count; k++) {
      const file = `${name}.${hash}${count === 1 ? '' : `.${k}`}.${EXTENSIONS[name]}`
      files[name].push(file)
      written.push([file, bytes.subarray(k * PART_BYTES, (k + 1) * PART_BYTES)])
    }
  }

  const manifest: Manifest = {
    format: FORMAT,
    hash: all.digest('hex').slice(0, 16),
    builtAt: options.builtAt.toISOString(),
    counts: countDocuments(documents, volumes),
    files,
    bytes: { raw, gzip },
  }

  // Each file appears whole (written aside, then renamed), the manifest last, and
  // files of earlier builds go only after it: a worker reading the folder while
  // it is rebuilt sees the old index or the new one, never half of either.
  await mkdir(options.out, { recursive: true })
  for (const [file, bytes] of written) await writeAtomically(join(options.out, file), bytes)
  await writeAtomically(join(options.out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
  const keep = new Set([MANIFEST_FILE, ...written.map(([file]) => file)])
  for (const old of await readdir(options.out)) {
    if (OLD_FILE.test(old) && !keep.has(old)) await rm(join(options.out, old))
  }
  return manifest
}

/**
 * Refuses an index the target cannot hold. The worker keeps the pack and the
 * text as bytes and the documents as objects (about four times their JSON).
 */
export function checkTarget(bytes: { pack: number; text: number; documents: number }, name: TargetName): void {
  const target = TARGETS[name]
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`
  const resident = bytes.pack + bytes.text + 4 * bytes.documents
  if (resident > target.memory * MEMORY_SHARE) {
    throw new TargetLimitError(
      `the index needs about ${mb(resident)} of memory once loaded, over ${Math.round(MEMORY_SHARE * 100)}% of the ${mb(target.memory)} ` +
      `an isolate has on target ${name}; index fewer documents, or build with --target unlimited to serve it elsewhere`,
    )
  }
  const parts = Object.values(bytes).reduce((n, size) => n + Math.max(1, Math.ceil(size / PART_BYTES)), 1)
  if (parts > target.files) {
    throw new TargetLimitError(`the index needs ${parts} files, over the ${target.files} asset files target ${name} serves`)
  }
}
