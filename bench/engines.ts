/**
 * The engines the benchmark compares, each behind one small interface: build
 * an index of the units and serialize it to files, load it from those files,
 * answer a query with ranked unit ids.
 *
 * Peers are used plainly, as their documentation shows, with the options a
 * search box would turn on: MiniSearch with `prefix: true, fuzzy: 0.2`,
 * FlexSearch's `forward` tokenizer with `suggest`, Orama with `tolerance: 1`,
 * Lunr's default pipeline (English stemmer, stop words). None supports quoted
 * phrases the way Folio does: they receive the same query string, and Lunr,
 * whose syntax rejects some characters (`:`), gets the query with its
 * punctuation spaced out when it refuses the original. Folio answers through
 * its full search, snippets and facets included; the peers return ids only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { create, insertMultiple, load as loadOrama, save as saveOrama, search as searchOrama } from '@orama/orama'
import FlexSearch from 'flexsearch'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import { buildIndex } from '../index/build'
import { loadIndex, type LoadedIndex } from '../src/library'
import type { Document, Volume } from '../src/model'
import { search } from '../src/query/search'

/** An index serialized: file name → contents. */
export type Files = Map<string, Uint8Array<ArrayBuffer>>

export interface Searcher {
  /** Ranked unit ids, at most `limit`. */
  search(q: string, limit: number): Promise<string[]> | string[]
}

/** A corpus to index: its folder, and what it holds, parsed. */
export interface BenchCorpus {
  dir: string
  documents: readonly Document[]
  volumes: readonly Volume[]
}

export interface Engine {
  name: string
  /** Indexes the corpus's units and serializes the index (Folio builds from the folder, with the volumes' persons and abbreviations). */
  build(corpus: BenchCorpus): Promise<Files>
  /** Loads a serialized index, ready to answer. */
  load(files: Files): Promise<Searcher>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const unitsOf = (documents: readonly Document[]) => documents.flatMap((d) => d.units.map((u) => ({ id: u.id, text: u.text })))
const json = (files: Files, name: string) => JSON.parse(decoder.decode(files.get(name)!))

/** Folio's serialized index, loaded as the Worker loads it. */
export function loadFolio(files: Files): Promise<LoadedIndex> {
  return loadIndex(async (path) => new Response(files.get(path.replace(/^index\//, ''))))
}

const folio: Engine = {
  name: 'Folio',
  async build({ dir }) {
    const out = mkdtempSync(join(tmpdir(), 'folio-bench-'))
    await buildIndex({ corpus: dir, out, builtAt: new Date(0), target: 'unlimited', cache: false })
    const files: Files = new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]))
    rmSync(out, { recursive: true })
    return files
  },
  async load(files) {
    const index = await loadFolio(files)
    return {
      search: async (q, limit) =>
        (await search(index.open(), { q, limit, offset: 0, filters: {}, sort: 'relevance', origin: '' })).hits.map((h) => h.id),
    }
  },
}

const MINISEARCH_OPTIONS = { fields: ['text'], idField: 'id' }

const minisearch: Engine = {
  name: 'MiniSearch',
  async build({ documents }) {
    const index = new MiniSearch(MINISEARCH_OPTIONS)
    index.addAll(unitsOf(documents))
    return new Map([['index.json', encoder.encode(JSON.stringify(index))]])
  },
  async load(files) {
    const index = MiniSearch.loadJSON(decoder.decode(files.get('index.json')!), MINISEARCH_OPTIONS)
    return { search: (q, limit) => index.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, limit).map((r) => r.id as string) }
  },
}

const FLEX_OPTIONS = { tokenize: 'forward' } as const

const flexsearch: Engine = {
  name: 'FlexSearch',
  async build({ documents }) {
    const units = unitsOf(documents)
    const index = new FlexSearch.Index(FLEX_OPTIONS)
    units.forEach((u, i) => index.add(i, u.text))
    const parts: Record<string, string> = {}
    index.export((key, data) => {
      parts[key] = data
    })
    return new Map([
      ['index.json', encoder.encode(JSON.stringify(parts))],
      ['ids.json', encoder.encode(JSON.stringify(units.map((u) => u.id)))],
    ])
  },
  async load(files) {
    const index = new FlexSearch.Index(FLEX_OPTIONS)
    for (const [key, data] of Object.entries(json(files, 'index.json') as Record<string, string>)) index.import(key, data)
    const ids: string[] = json(files, 'ids.json')
    return { search: (q, limit) => (index.search(q, { limit, suggest: true }) as number[]).map((i) => ids[i]!) }
  },
}

const ORAMA_SCHEMA = { id: 'string', text: 'string' } as const

const orama: Engine = {
  name: 'Orama',
  async build({ documents }) {
    const db = create({ schema: ORAMA_SCHEMA })
    await insertMultiple(db, unitsOf(documents), 1000)
    return new Map([['index.json', encoder.encode(JSON.stringify(await saveOrama(db)))]])
  },
  async load(files) {
    const db = create({ schema: ORAMA_SCHEMA })
    await loadOrama(db, json(files, 'index.json'))
    return {
      search: async (q, limit) => (await searchOrama(db, { term: q, tolerance: 1, limit })).hits.map((h) => h.document.id as string),
    }
  },
}

const lunrEngine: Engine = {
  name: 'Lunr',
  async build({ documents }) {
    const units = unitsOf(documents)
    const index = lunr(function () {
      this.ref('id')
      this.field('text')
      for (const u of units) this.add(u)
    })
    return new Map([['index.json', encoder.encode(JSON.stringify(index))]])
  },
  async load(files) {
    const index = lunr.Index.load(json(files, 'index.json'))
    const run = (q: string) => {
      try {
        return index.search(q)
      } catch {
        return index.search(q.replace(/[^\p{L}\p{N}*\s]/gu, ' '))
      }
    }
    return { search: (q, limit) => run(q).slice(0, limit).map((r) => r.ref) }
  },
}

export const ENGINES: readonly Engine[] = [folio, minisearch, flexsearch, orama, lunrEngine]

export function engine(name: string): Engine {
  const found = ENGINES.find((e) => e.name === name)
  if (!found) throw new Error(`bench: no engine ${name}`)
  return found
}
