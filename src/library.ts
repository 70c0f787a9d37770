/**
 * The loaded index: everything a query needs, read once per isolate from the
 * files the build wrote (served by the ASSETS binding). The pack and the text
 * stay as the bytes fetched; a unit is put together when a hit needs it.
 */
import { FORMAT, INDEX_PATH, MANIFEST_FILE, type DocumentEntry, type DocumentsFile, type Manifest, type PackMeta } from './artifacts'
import type { Postings } from './evaluate'
import { ANNOTATION_TYPES, anchorOf, UNIT_KINDS, type Person, type Unit, type UnitKind, type Volume } from './model'
import { Pack } from './pack'
import { Vocabulary } from './vocabulary'

export interface Library {
  manifest: Manifest
  /** The inverted index, searched by `evaluate`. */
  postings: Postings
  volumes: readonly Omit<Volume, 'pages'>[]
  documents: readonly DocumentEntry[]
  /** Every chapter title, in corpus order. */
  chapters: readonly string[]
  /** The persons of the volumes' lists, by id. */
  people: ReadonlyMap<string, Person & { volume: string }>
  document(id: string): DocumentEntry | undefined
  volume(id: string | undefined): Omit<Volume, 'pages'> | undefined
  /** The documents that refer to a document (ids). */
  citedBy(id: string): readonly string[]
  /** How many units the index holds; positions run from 0. */
  size: number
  kindOf(position: number): UnitKind
  /** The document a unit belongs to. */
  documentOf(position: number): DocumentEntry
  /** A unit's clean text. */
  text(position: number): string
  /**
   * The forward index: unit `i`'s words, in order, as positions in the
   * vocabulary, are `words[start[i]]` to `words[start[i + 1] - 1]`.
   */
  forward: { start: Uint32Array; words: Uint32Array }
  /** The unit at a position (its id in the index), put together. */
  unit(position: number): Unit
  /** Position of a unit by its id. */
  unitPosition(id: string): number | undefined
  vocabulary: Vocabulary
}

/** Reads a file of the index by its path under the assets root. */
export type ReadAsset = (path: string) => Promise<Response>

export class IndexUnavailableError extends Error {}

export async function loadLibrary(read: ReadAsset): Promise<Library> {
  const manifest = JSON.parse(new TextDecoder().decode(await readFile(read, [MANIFEST_FILE]))) as Manifest
  if (manifest.format !== FORMAT) {
    throw new IndexUnavailableError(`folio: index format ${manifest.format} is not the worker's ${FORMAT}; rebuild the index`)
  }
  const [packBytes, textBytes, documentsBytes] = await Promise.all([
    readFile(read, manifest.files.pack),
    readFile(read, manifest.files.text),
    readFile(read, manifest.files.documents),
  ])
  const pack = new Pack<PackMeta>(packBytes.buffer as ArrayBuffer)
  const { volumes, documents } = JSON.parse(new TextDecoder().decode(documentsBytes)) as DocumentsFile
  const terms = pack.strings('terms')
  const kinds = pack.array('kinds', 'u8')
  const ordinals = pack.array('ordinals', 'u32')
  const textStart = pack.array('textStart', 'u32')
  const tokenStart = pack.array('tokenStart', 'u32')
  const tokenWords = pack.array('tokenWords', 'u32')
  const pageStart = pack.array('pageStart', 'u32')
  const pageAt = pack.array('pageAt', 'u32')
  const pageLabel = pack.array('pageLabel', 'u32')
  const citeStart = pack.array('citeStart', 'u32')
  const citeNote = pack.array('citeNote', 'u32')
  const citeAt = pack.array('citeAt', 'u32')
  const annotationStart = pack.array('annotationStart', 'u32')
  const annotationType = pack.array('annotationType', 'u8')
  const annotationFrom = pack.array('annotationFrom', 'u32')
  const annotationTo = pack.array('annotationTo', 'u32')
  const annotationTarget = pack.array('annotationTarget', 'u32')
  const annotationTargets = pack.strings('annotationTargets')
  const { pageLabels, labels } = pack.meta

  const byId = new Map(documents.map((d) => [d.id, d]))
  const volumesById = new Map(volumes.map((v) => [v.id, v]))
  const citing = new Map<string, string[]>()
  for (const d of documents) for (const target of d.references ?? []) citing.set(target, [...(citing.get(target) ?? []), d.id])
  const owner = new Uint32Array(pack.meta.units)
  documents.forEach((d, k) => owner.fill(k, d.first, d.first + d.count))
  const decoder = new TextDecoder()
  const kindOf = (i: number) => UNIT_KINDS[kinds[i]!]!
  const documentOf = (i: number) => documents[owner[i]!]!
  const idOf = (i: number) => `${documentOf(i).id}/${anchorOf(kindOf(i), ordinals[i]!)}`
  const text = (i: number) => decoder.decode(textBytes.subarray(textStart[i]!, textStart[i + 1]!))

  function unit(i: number): Unit {
    const doc = documentOf(i)
    const kind = kindOf(i)
    const n = ordinals[i]!
    const pages = []
    for (let k = pageStart[i]!; k < pageStart[i + 1]!; k++) pages.push({ page: pageLabels[pageLabel[k]!]!, at: pageAt[k]! })
    const cites = []
    for (let k = citeStart[i]!; k < citeStart[i + 1]!; k++) cites.push({ note: idOf(citeNote[k]!), at: citeAt[k]! })
    const u: Unit = { id: idOf(i), doc: doc.id, kind, n, text: text(i), pages, cites }
    if (annotationStart[i + 1]! > annotationStart[i]!) {
      u.annotations = []
      for (let k = annotationStart[i]!; k < annotationStart[i + 1]!; k++) {
        u.annotations.push({
          type: ANNOTATION_TYPES[annotationType[k]!]!, target: annotationTargets[annotationTarget[k]!]!,
          start: annotationFrom[k]!, end: annotationTo[k]!,
        })
      }
    }
    if (kind === 'footnote') {
      const label = i in labels ? labels[i] : String(n)
      if (label !== null && label !== undefined) u.label = label
      // The units citing a note are in its document.
      u.citedBy = []
      for (let j = doc.first; j < doc.first + doc.count; j++) {
        for (let k = citeStart[j]!; k < citeStart[j + 1]!; k++) if (citeNote[k] === i) u.citedBy.push(idOf(j))
      }
      u.citedBy = [...new Set(u.citedBy)]
    }
    return u
  }

  return {
    manifest,
    postings: {
      terms,
      start: pack.array('start', 'u32'),
      docs: pack.array('docs', 'u32'),
      freqs: pack.array('freqs', 'u16'),
      lengths: pack.array('lengths', 'u16'),
      averageLength: pack.meta.averageLength,
    },
    volumes,
    documents,
    chapters: [...new Set(documents.flatMap((d) => (d.chapter === undefined ? [] : [d.chapter])))],
    people: new Map(volumes.flatMap((v) => (v.persons ?? []).map((p) => [p.id, { ...p, volume: v.id }]))),
    document: (id) => byId.get(id),
    volume: (id) => (id === undefined ? undefined : volumesById.get(id)),
    citedBy: (id) => citing.get(id) ?? [],
    size: pack.meta.units,
    kindOf,
    documentOf,
    text,
    forward: { start: tokenStart, words: tokenWords },
    unit,
    unitPosition(id) {
      const slash = id.lastIndexOf('/')
      const doc = byId.get(id.slice(0, slash))
      if (!doc) return undefined
      const anchor = id.slice(slash + 1)
      for (let i = doc.first; i < doc.first + doc.count; i++) if (anchorOf(kindOf(i), ordinals[i]!) === anchor) return i
      return undefined
    },
    vocabulary: new Vocabulary({
      words: pack.strings('vocabularyWords'),
      terms,
      termOf: pack.array('vocabularyTerms', 'u32'),
      units: pack.array('vocabularyUnits', 'u32'),
      display: pack.strings('vocabularyDisplay'),
    }),
  }
}

/** Fetches a file's parts and joins them. */
async function readFile(read: ReadAsset, parts: readonly string[]): Promise<Uint8Array> {
  const chunks = await Promise.all(parts.map(async (file) => {
    const response = await read(`${INDEX_PATH}/${file}`)
    if (!response.ok) {
      throw new IndexUnavailableError(`folio: index file ${file} is missing (HTTP ${response.status}); run npm run build:index`)
    }
    return new Uint8Array(await response.arrayBuffer())
  }))
  if (chunks.length === 1) return chunks[0]!
  const joined = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const c of chunks) {
    joined.set(c, at)
    at += c.byteLength
  }
  return joined
}
