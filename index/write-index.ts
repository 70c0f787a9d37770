/**
 * Turns documents into the files the worker serves: the MiniSearch index,
 * the units with their clean text, the documents, the vocabulary, and the
 * manifest that names them by content hash.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import MiniSearch from 'minisearch'
import {
  FORMAT, MANIFEST_FILE, type Counts, type DocumentEntry, type DocumentsFile, type Manifest, type UnitsFile,
  type VocabularyEntry, type VolumeCounts,
} from '../src/artifacts'
import { indexOptions, type IndexedUnit } from '../src/engine'
import type { Document, Volume } from '../src/model'
import { tokenize } from '../src/text'

const zero = (): Counts => ({ documents: 0, sections: 0, titles: 0, heads: 0, paragraphs: 0, footnotes: 0, pages: 0, units: 0 })

/**
 * Counts what goes into the index, in all and per volume, so that nothing
 * leaves it unnoticed. A TEI volume's pages are its page breaks, indexed or not.
 */
export function countDocuments(documents: readonly Document[], volumes: readonly Volume[] = []): Counts & { volumes: VolumeCounts[] } {
  const teiVolumes = new Set(volumes.map((v) => v.id))
  const byVolume = new Map<string, VolumeCounts>()
  const pagesSeen = new Map<string, Set<string>>()
  for (const v of volumes) byVolume.set(v.id, { id: v.id, title: v.title, ...zero(), pages: v.pages.length })
  for (const doc of documents) {
    const key = doc.volume ?? ''
    let counts = byVolume.get(key)
    if (!counts) byVolume.set(key, (counts = { id: key, title: key, ...zero() }))
    counts[doc.type === 'section' ? 'sections' : 'documents']++
    for (const unit of doc.units) {
      counts.units++
      counts[KIND_COUNT[unit.kind]]++
      if (teiVolumes.has(key)) continue
      let seen = pagesSeen.get(key)
      if (!seen) pagesSeen.set(key, (seen = new Set()))
      for (const p of unit.pages) seen.add(`${doc.id}\u0000${p.page}`)
    }
  }
  for (const [key, seen] of pagesSeen) byVolume.get(key)!.pages = seen.size
  const list = [...byVolume.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const total = zero()
  for (const v of list) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += v[k]
  return { ...total, volumes: list }
}

const KIND_COUNT = { title: 'titles', head: 'heads', paragraph: 'paragraphs', footnote: 'footnotes' } as const

/** The vocabulary: every folded word, its term, in how many units, and its usual spelling. */
export function buildVocabulary(units: UnitsFile): VocabularyEntry[] {
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

export interface WriteOptions {
  /** Folder the files are written to; its old index files are removed. */
  out: string
  /** Time recorded as the build time. */
  builtAt: Date
  /** Called as units are indexed. */
  onProgress?: (done: number, total: number) => void
}

/** Units indexed between progress reports. */
const BATCH = 2000

/** Builds the index over `documents` and writes every file. Returns the manifest written. */
export async function writeIndex(documents: readonly Document[], volumes: readonly Volume[], options: WriteOptions): Promise<Manifest> {
  const units: UnitsFile = documents.flatMap((d) => d.units)
  const entries: DocumentEntry[] = []
  let first = 0
  for (const { units: docUnits, ...facts } of documents) {
    entries.push({ ...facts, first, count: docUnits.length })
    first += docUnits.length
  }
  // Volumes known only from page-text document ids are listed by id.
  const volumeList = volumes.map(({ id, title }) => ({ id, title }))
  for (const d of documents) {
    if (d.volume !== undefined && !volumeList.some((v) => v.id === d.volume)) volumeList.push({ id: d.volume, title: d.volume })
  }
  const documentsFile: DocumentsFile = { volumes: volumeList, documents: entries }

  const search = new MiniSearch<IndexedUnit>(indexOptions)
  for (let from = 0; from < units.length; from += BATCH) {
    options.onProgress?.(from, units.length)
    search.addAll(units.slice(from, from + BATCH).map((u, k) => ({ i: from + k, text: u.text })))
  }
  options.onProgress?.(units.length, units.length)
  if (search.documentCount !== units.length) {
    throw new Error(`folio: the index holds ${search.documentCount} units but ${units.length} went in`)
  }

  const data = {
    index: JSON.stringify(search),
    units: JSON.stringify(units),
    documents: JSON.stringify(documentsFile),
    vocabulary: JSON.stringify(buildVocabulary(units)),
  }
  const files = {} as Manifest['files']
  const all = createHash('sha256')
  let raw = 0
  let gzip = 0
  for (const [name, text] of Object.entries(data) as [keyof typeof data, string][]) {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16)
    files[name] = `${name}.${hash}.json`
    all.update(hash)
    raw += Buffer.byteLength(text)
    gzip += gzipSync(text).length
  }

  const manifest: Manifest = {
    format: FORMAT,
    hash: all.digest('hex').slice(0, 16),
    builtAt: options.builtAt.toISOString(),
    counts: countDocuments(documents, volumes),
    files,
    bytes: { raw, gzip },
  }

  await mkdir(options.out, { recursive: true })
  for (const old of await readdir(options.out)) {
    if (old.endsWith('.json')) await rm(join(options.out, old))
  }
  for (const name of Object.keys(data) as (keyof typeof data)[]) {
    await writeFile(join(options.out, files[name]), data[name])
  }
  await writeFile(join(options.out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}
