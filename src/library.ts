/**
 * The loaded index: everything a query needs, read once per isolate from the
 * files the build wrote (served by the ASSETS binding) and kept in memory.
 */
import MiniSearch from 'minisearch'
import {
  FORMAT, INDEX_PATH, MANIFEST_FILE, type DocumentEntry, type DocumentsFile, type Manifest, type UnitsFile,
  type VocabularyEntry,
} from './artifacts'
import { indexOptions, type IndexedUnit } from './engine'
import type { Unit, Volume } from './model'
import { Vocabulary } from './vocabulary'

export interface Library {
  manifest: Manifest
  index: MiniSearch<IndexedUnit>
  volumes: readonly Omit<Volume, 'pages'>[]
  documents: readonly DocumentEntry[]
  /** Every chapter title, in corpus order. */
  chapters: readonly string[]
  document(id: string): DocumentEntry | undefined
  /** The unit at a position (its id in the index). */
  unit(position: number): Unit
  /** The document a unit belongs to. */
  documentOf(position: number): DocumentEntry
  /** Position of a unit by its id. */
  unitPosition(id: string): number | undefined
  vocabulary: Vocabulary
}

/** Reads a file of the index by its path under the assets root. */
export type ReadAsset = (path: string) => Promise<Response>

export class IndexUnavailableError extends Error {}

export async function loadLibrary(read: ReadAsset): Promise<Library> {
  const manifest = await readJson<Manifest>(read, MANIFEST_FILE)
  if (manifest.format !== FORMAT) {
    throw new IndexUnavailableError(`folio: index format ${manifest.format} is not the worker's ${FORMAT}; rebuild the index`)
  }
  const [indexJson, units, { volumes, documents }, vocabulary] = await Promise.all([
    readText(read, manifest.files.index),
    readJson<UnitsFile>(read, manifest.files.units),
    readJson<DocumentsFile>(read, manifest.files.documents),
    readJson<VocabularyEntry[]>(read, manifest.files.vocabulary),
  ])
  const byId = new Map(documents.map((d) => [d.id, d]))
  const positions = new Map(units.map((u, i) => [u.id, i]))
  const owner = new Uint32Array(units.length)
  documents.forEach((d, k) => owner.fill(k, d.first, d.first + d.count))
  return {
    manifest,
    index: MiniSearch.loadJSON<IndexedUnit>(indexJson, indexOptions),
    volumes,
    documents,
    chapters: [...new Set(documents.flatMap((d) => (d.chapter === undefined ? [] : [d.chapter])))],
    document: (id) => byId.get(id),
    unit: (position) => units[position]!,
    documentOf: (position) => documents[owner[position]!]!,
    unitPosition: (id) => positions.get(id),
    vocabulary: new Vocabulary(vocabulary),
  }
}

async function readText(read: ReadAsset, file: string): Promise<string> {
  const response = await read(`${INDEX_PATH}/${file}`)
  if (!response.ok) {
    throw new IndexUnavailableError(`folio: index file ${file} is missing (HTTP ${response.status}); run npm run build:index`)
  }
  return response.text()
}

async function readJson<T>(read: ReadAsset, file: string): Promise<T> {
  return JSON.parse(await readText(read, file)) as T
}
