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
  FORMAT, MANIFEST_FILE, type Counts, type DocumentEntry, type Manifest, type UnitsFile, type VocabularyEntry,
} from '../src/artifacts'
import { indexOptions, type IndexedUnit } from '../src/engine'
import type { Document } from '../src/model'
import { tokenize } from '../src/text'

/** Counts what goes into the index, so that nothing leaves it unnoticed. */
export function countDocuments(documents: readonly Document[]): Counts {
  const counts: Counts = { documents: documents.length, titles: 0, heads: 0, paragraphs: 0, footnotes: 0, pages: 0, units: 0 }
  for (const doc of documents) {
    const pages = new Set<string>()
    for (const unit of doc.units) {
      counts.units++
      if (unit.kind === 'title') counts.titles++
      else if (unit.kind === 'head') counts.heads++
      else if (unit.kind === 'paragraph') counts.paragraphs++
      else counts.footnotes++
      for (const p of unit.pages) pages.add(String(p.page))
    }
    counts.pages += pages.size
  }
  return counts
}

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
}

/** Builds the index over `documents` and writes every file. Returns the manifest written. */
export async function writeIndex(documents: readonly Document[], options: WriteOptions): Promise<Manifest> {
  const units: UnitsFile = documents.flatMap((d) => d.units)
  const entries: DocumentEntry[] = []
  let first = 0
  for (const d of documents) {
    entries.push({ id: d.id, ...(d.number !== undefined && { number: d.number }), title: d.title, first, count: d.units.length })
    first += d.units.length
  }

  const search = new MiniSearch<IndexedUnit>(indexOptions)
  search.addAll(units.map((u, i) => ({ i, text: u.text })))
  if (search.documentCount !== units.length) {
    throw new Error(`folio: the index holds ${search.documentCount} units but ${units.length} went in`)
  }

  const data = {
    index: JSON.stringify(search),
    units: JSON.stringify(units),
    documents: JSON.stringify(entries),
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
    counts: countDocuments(documents),
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
