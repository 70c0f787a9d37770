/**
 * The index as the worker holds it. Once per isolate, {@link loadIndex}
 * reads the manifest and the resident file: page tables, the sorted tables'
 * sparse indexes, and per-document facts compact enough to filter and facet
 * any number of units. Everything else is read by the page when a request
 * needs it, through the isolate's page cache; each request works through its
 * own {@link Library}, which counts what it reads.
 */
import { lastAtMost } from './bisect'
import type { DocumentEntry } from './format/layout'
import { FORMAT, INDEX_PATH, MANIFEST_FILE, type Manifest, type ResidentMeta } from './format/layout'
import { blobAt, unitOf, type DocumentHead, type UnitFacts } from './format/units'
import { FrontCodedList } from './front-coded'
import { Lexicon } from './lexicon'
import { anchorOf, UNIT_KINDS, type Person, type Term, type Unit } from './model'
import { Pack } from './pack'
import { DOCUMENTS_PAGE, RESIDENT, UNITS_PAGE } from './format/packs'
import { PostingsSession } from './postings'
import type { StringList } from './string-list'
import { cacheBudgets, type CacheBudgets } from './store/budgets'
import { DecodedCache, decodeOrRefuse, IndexUnavailableError, PageCache, type CacheOptions, type ReadAsset } from './store/cache'
import { PageReader, PageTable } from './store/reader'
import { SortedTable, type ResidentIndex } from './store/sorted'

/** A volume as the worker knows it: its title parts. */
export type VolumeFacts = ResidentMeta['volumes'][number]

/** A person of a volume's list, with how many documents name them. */
export interface PersonFacts extends Person {
  volume: string
  documents: number
  mentions: number
}

/** A document's entry with the documents that refer to it. */
export type DocumentFacts = DocumentEntry & { citedBy?: string[] }

/** Per-document facts, resident: what filters and facets read for every match. */
export class DocumentTable {
  readonly count: number
  /** Document `d`'s units are `first[d]` to `first[d + 1] - 1`. */
  readonly first: Uint32Array
  readonly ids: FrontCodedList
  readonly #order: Uint32Array
  #rank: Uint32Array | undefined
  /** Codes + 1 into `volumeIds` and `chapters`; 0 for none. */
  readonly volume: Uint32Array
  readonly chapter: Uint32Array
  /** `yyyymmdd`, with 00 for an unknown month or day; 0 when undated. */
  readonly date: Uint32Array
  /** 0 a document, 1 a front-matter section. */
  readonly type: Uint8Array
  /** Document `d` names persons `people[peopleStart[d]]` to `people[peopleStart[d + 1] - 1]` (codes into `personIds`), `mentions` times each. */
  readonly peopleStart: Uint32Array
  readonly people: Uint32Array
  readonly mentions: Uint32Array
  readonly volumeIds: StringList
  readonly chapters: StringList
  readonly personIds: StringList
  readonly #surnames: StringList

  constructor(pack: Pack<typeof RESIDENT>) {
    this.first = pack.get('docFirst')
    this.count = this.first.length - 1
    this.ids = new FrontCodedList({ bytes: pack.get('docIds'), blocks: pack.get('docIdBlocks') })
    this.#order = pack.get('docIdOrder')
    this.volume = pack.get('docVolume')
    this.chapter = pack.get('docChapter')
    this.date = pack.get('docDate')
    this.type = pack.get('docType')
    this.peopleStart = pack.get('docPeopleStart')
    this.people = pack.get('docPeople')
    this.mentions = pack.get('docMentions')
    this.volumeIds = pack.list('volumeIds')
    this.chapters = pack.list('chapters')
    this.personIds = pack.list('personIds')
    this.#surnames = pack.list('personSurnames')
  }

  /**
   * The surname of a person of the volumes' lists whom document `d` names,
   * by id (resident: a hit need not read the persons' file). The document's
   * few persons are searched: a map of every person's id, built on an
   * isolate's first hit, cost its first query tens of ms at 1 GB.
   */
  surnameOf(id: string, d: number): string | undefined {
    for (let j = this.peopleStart[d]!; j < this.peopleStart[d + 1]!; j++) {
      const code = this.people[j]!
      if (this.personIds.is(code, id)) return this.#surnames.at(code)
    }
    return undefined
  }

  /** Each document's place in the order of the ids (`docIdOrder` inverted), made on first use: facets order ties by it. */
  get idRank(): Uint32Array {
    if (!this.#rank) {
      this.#rank = new Uint32Array(this.count)
      for (let i = 0; i < this.#order.length; i++) this.#rank[this.#order[i]!] = i
    }
    return this.#rank
  }

  /** The document with this id, by number. */
  find(id: string): number | undefined {
    let lo = 0
    let hi = this.#order.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.ids.below(this.#order[mid]!, id)) lo = mid + 1
      else hi = mid
    }
    const d = this.#order[lo]
    return d !== undefined && this.ids.is(d, id) ? d : undefined
  }

  /** The document a unit belongs to; `from`, a document at or before it, starts the search there (galloping). */
  ofUnit(unit: number, from = 0): number {
    return Math.max(0, lastAtMost(this.first, unit, from, this.count))
  }

  volumeOf(d: number): string | undefined {
    const v = this.volume[d]!
    return v === 0 ? undefined : this.volumeIds.at(v - 1)
  }
}

/** The index an isolate has loaded: resident tables, and the cache pages are read through. */
export class LoadedIndex {
  readonly meta: ResidentMeta
  readonly pages: PageTable
  readonly documents: DocumentTable
  readonly lexicon: Lexicon
  /** Skip tables kept decoded across requests. */
  readonly skipTables: DecodedCache
  /** Skip tables, blocks and positions kept as stored (four to six times smaller than decoded) once their pages go: see src/postings.ts. */
  readonly stored: DecodedCache
  /**
   * What hits showed, by unit, kept across requests. A hit needs a few
   * hundred bytes of a 256 KB units page: at scale the page cache cannot
   * hold the pages of every hit a busy isolate shows, this holds the hits.
   */
  readonly shown: DecodedCache
  /** Per postings and positions page, the last term starting on it or before. */
  readonly pageTerms: Record<'postings' | 'positions', StringList>
  readonly #units: Uint32Array
  readonly #docPages: Uint32Array
  #terms: Promise<Map<string, Term>> | undefined
  #people: Promise<Map<string, PersonFacts>> | undefined
  readonly #derived = new Map<string, unknown>()

  constructor(
    readonly manifest: Manifest,
    resident: Pack<typeof RESIDENT>,
    readonly cache: PageCache,
    budgets: CacheBudgets,
  ) {
    this.skipTables = new DecodedCache(budgets.skipTables)
    this.stored = new DecodedCache(budgets.stored)
    this.shown = new DecodedCache(budgets.shown)
    this.meta = resident.meta
    this.pages = new PageTable(resident)
    this.documents = new DocumentTable(resident)
    this.lexicon = new Lexicon(
      new SortedTable('lexicon', sortedIndex(resident, 'lexicon')),
      new SortedTable('completions', sortedIndex(resident, 'completion')),
      { buckets: resident.get('keyFilter'), ...resident.meta.keyFilter },
    )
    this.pageTerms = { postings: resident.list('postingsTerms'), positions: resident.list('positionsTerms') }
    this.#units = resident.get('unitPages')
    this.#docPages = resident.get('docPages')
  }

  /** A request's view of the index. */
  open(): Library {
    return new Library(this)
  }

  /** A table derived from the index, built once per isolate on first use. */
  derived<T>(name: string, build: () => T): T {
    if (!this.#derived.has(name)) this.#derived.set(name, build())
    return this.#derived.get(name) as T
  }

  /** The units page holding unit `u`, and the unit number it starts with. */
  unitPage(u: number): { page: number; first: number } {
    const page = lastAtMost(this.#units, u)
    return { page, first: this.#units[page]! }
  }

  /** The documents page holding document `d`, and the document number it starts with. */
  documentPage(d: number): { page: number; first: number } {
    const page = lastAtMost(this.#docPages, d)
    return { page, first: this.#docPages[page]! }
  }

  terms(reader: PageReader): Promise<Map<string, Term>> {
    this.#terms ??= this.#json<Term[]>(reader, this.meta.terms).then((list) => new Map(list.map((t) => [t.id, t])), (e: unknown) => {
      this.#terms = undefined // not kept: the file may be back for the next request
      throw e
    })
    return this.#terms
  }

  people(reader: PageReader): Promise<Map<string, PersonFacts>> {
    this.#people ??= this.#json<PersonFacts[]>(reader, this.meta.people).then((list) => new Map(list.map((p) => [p.id, p])), (e: unknown) => {
      this.#people = undefined
      throw e
    })
    return this.#people
  }

  async #json<T>(reader: PageReader, name: string): Promise<T> {
    const path = `${INDEX_PATH}/${name}`
    return decodeOrRefuse(path, await reader.cache.file(path), (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as T)
  }
}

/** A sorted table's sparse index, from the resident file. */
function sortedIndex(resident: Pack<typeof RESIDENT>, name: 'lexicon' | 'completion'): ResidentIndex {
  return {
    step: resident.meta[name === 'lexicon' ? 'lexicon' : 'completions'].step,
    keys: resident.list(`${name}Keys`),
    pages: [...resident.get(`${name}Pages`)],
    shared: [...resident.get(`${name}Shared`)],
  }
}

/** A units page, read: its units' text and facts, its documents' heads (each parsed on first use). */
interface UnitsPage {
  text: Uint8Array
  textStart: Uint32Array
  factBytes: Uint8Array
  factsStart: Uint32Array
  facts: (UnitFacts | undefined)[]
  headBytes: Uint8Array
  headsStart: Uint32Array
  heads: (DocumentHead | undefined)[]
}

/** What a hit shows of a unit: the unit, its document's head, the units it links to (its notes, or for a note the units citing it). */
export interface Shown {
  unit: Unit
  head: DocumentHead
  linked: Unit[]
}

/** Bytes counted for a unit's facts and head beside its text. */
const SHOWN_OVERHEAD = 256

/** A documents page, read: each document's facts, parsed on first use. */
interface DocumentsPage {
  docs: Uint8Array
  start: Uint32Array
  parsed: (DocumentFacts | undefined)[]
}

/** One request's view of the index: what it reads, it reads through the cache, and counts. */
export class Library {
  readonly reader: PageReader
  readonly postings: PostingsSession

  constructor(readonly index: LoadedIndex) {
    this.reader = new PageReader(index.pages, index.cache, index.meta.streamPageBytes)
    this.postings = new PostingsSession(this.reader, index.skipTables, index.stored, index.pageTerms)
  }

  get manifest(): Manifest {
    return this.index.manifest
  }

  get documents(): DocumentTable {
    return this.index.documents
  }

  get lexicon(): Lexicon {
    return this.index.lexicon
  }

  /** Units in the index. */
  get size(): number {
    return this.index.meta.units
  }

  get volumes(): readonly VolumeFacts[] {
    return this.index.meta.volumes
  }

  people(): Promise<Map<string, PersonFacts>> {
    return this.index.people(this.reader)
  }

  volume(id: string | undefined): VolumeFacts | undefined {
    if (id === undefined) return undefined
    return this.index.derived('volumes', () => new Map(this.volumes.map((v) => [v.id, v]))).get(id)
  }

  /** Every abbreviation of the volumes' lists, by id. */
  terms(): Promise<ReadonlyMap<string, Term>> {
    return this.index.terms(this.reader)
  }

  /** The units at these positions, in the order asked, their pages read at once. */
  async units(positions: readonly number[]): Promise<Unit[]> {
    const pages = await this.#unitsPages(positions)
    return positions.map((u) => {
      const { page, first } = this.index.unitPage(u)
      const p = pages.get(page)!
      const k = u - first
      return unitOf(this.documents.ids.at(this.documents.ofUnit(u))!, factsAt(p, k), blobAt(p.text, p.textStart, k))
    })
  }

  /** What hits show of these units, from the isolate's {@link LoadedIndex.shown} where it has them; the rest read at once. */
  async shown(positions: readonly number[]): Promise<Shown[]> {
    const known = new Map<number, Shown>()
    for (const u of positions) {
      const s = this.index.shown.get<Shown>(String(u))
      if (s) known.set(u, s)
    }
    const missing = [...new Set(positions.filter((u) => !known.has(u)))]
    if (missing.length > 0) {
      const reading = Promise.all([this.units(missing), this.#heads(missing)])
      // A hit's linked notes are found among its document's units (anchors below), on pages its own may not be: those pages are
      // fetched now, after the hits' own, rather than a round of reads later. A failed read is reported where it is awaited.
      this.#unitsPages(missing.flatMap((u) => this.#range(this.documents.ofUnit(u)))).catch(() => {})
      const [units, heads] = await reading
      const linkedIds = units.map((u) => (u.kind === 'footnote' ? (u.citedBy ?? []) : [...new Set(u.cites.map((c) => c.note))]))
      const anchors = await Promise.all(linkedIds.map((ids, i) => this.anchors(this.documents.ofUnit(missing[i]!), ids.map((id) => id.slice(id.lastIndexOf('/') + 1)))))
      const byId = new Map((await this.units(anchors.flatMap((a) => [...a.values()]))).map((u) => [u.id, u]))
      missing.forEach((u, i) => {
        const s: Shown = { unit: units[i]!, head: heads[i]!, linked: linkedIds[i]!.flatMap((id) => byId.get(id) ?? []) }
        known.set(u, s)
        this.index.shown.set(String(u), s, SHOWN_OVERHEAD + 2 * [s.unit, ...s.linked].reduce((n, l) => n + l.text.length + SHOWN_OVERHEAD, 0))
      })
    }
    return positions.map((u) => known.get(u)!)
  }

  /** The heads of the documents of these units (what a hit shows of its document), from the units' own pages. */
  async #heads(positions: readonly number[]): Promise<DocumentHead[]> {
    const pages = await this.#unitsPages(positions)
    return positions.map((u) => {
      const { page, first } = this.index.unitPage(u)
      const p = pages.get(page)!
      // The page's heads are those of its units' documents, in order, from the first unit's (a document of no units has none).
      const { first: firsts } = this.documents
      let k = 0
      for (let d = this.documents.ofUnit(first); d < this.documents.ofUnit(u); d++) if (firsts[d + 1]! > firsts[d]!) k++
      return (p.heads[k] ??= JSON.parse(blobAt(p.headBytes, p.headsStart, k)) as DocumentHead)
    })
  }

  /** A document's units, in order. */
  documentUnits(d: number): Promise<Unit[]> {
    return this.units(this.#range(d))
  }

  /** The positions of a document's units with these anchors (`p14`, `n2`), from their facts alone. */
  async anchors(d: number, anchors: readonly string[]): Promise<Map<string, number>> {
    const positions = this.#range(d)
    const pages = await this.#unitsPages(positions)
    const wanted = new Set(anchors)
    const found = new Map<string, number>()
    for (const u of positions) {
      const { page, first } = this.index.unitPage(u)
      const facts = factsAt(pages.get(page)!, u - first)
      const anchor = anchorOf(UNIT_KINDS[facts.k]!, facts.n)
      if (wanted.has(anchor)) found.set(anchor, u)
    }
    return found
  }

  /** The position of a unit by its id (`<doc>/<anchor>`). */
  async unitPosition(id: string): Promise<number | undefined> {
    const slash = id.lastIndexOf('/')
    const d = this.documents.find(id.slice(0, slash))
    if (d === undefined) return undefined
    const anchor = id.slice(slash + 1)
    return (await this.anchors(d, [anchor])).get(anchor)
  }

  #range(d: number): number[] {
    const { first } = this.documents
    return Array.from({ length: first[d + 1]! - first[d]! }, (_, k) => first[d]! + k)
  }

  async #unitsPages(positions: readonly number[]): Promise<Map<number, UnitsPage>> {
    const pages = new Map<number, Promise<UnitsPage>>()
    for (const u of positions) {
      const { page } = this.index.unitPage(u)
      if (!pages.has(page)) pages.set(page, this.#unitsPage(page))
    }
    return new Map(await Promise.all([...pages].map(async ([p, loading]) => [p, await loading] as const)))
  }

  /** Documents' facts, by number, their pages read at once. */
  async documentFacts(ds: readonly number[]): Promise<DocumentFacts[]> {
    const pages = new Map<number, Promise<DocumentsPage>>()
    for (const d of ds) {
      const { page } = this.index.documentPage(d)
      if (!pages.has(page)) {
        pages.set(page, this.reader.decoded('documents', page, (bytes) => {
          const pack = new Pack(DOCUMENTS_PAGE, bytes)
          const start = pack.get('docsStart')
          return { docs: pack.get('docs'), start, parsed: new Array(start.length - 1) }
        }, (p) => p.parsed.length * 64))
      }
    }
    return Promise.all(ds.map(async (d) => {
      const { page, first } = this.index.documentPage(d)
      const p = await pages.get(page)!
      return (p.parsed[d - first] ??= JSON.parse(blobAt(p.docs, p.start, d - first)) as DocumentFacts)
    }))
  }

  #unitsPage(page: number): Promise<UnitsPage> {
    return this.reader.decoded('units', page, (bytes) => {
      const pack = new Pack(UNITS_PAGE, bytes)
      const factsStart = pack.get('factsStart')
      const headsStart = pack.get('headsStart')
      return {
        text: pack.get('text'), textStart: pack.get('textStart'),
        factBytes: pack.get('facts'), factsStart, facts: new Array(factsStart.length - 1),
        headBytes: pack.get('heads'), headsStart, heads: new Array(headsStart.length - 1),
      }
    }, (p) => p.facts.length * 64)
  }
}

/** A unit's facts, parsed once while its page stays cached. */
function factsAt(page: UnitsPage, k: number): UnitFacts {
  return (page.facts[k] ??= JSON.parse(blobAt(page.factBytes, page.factsStart, k)) as UnitFacts)
}

/**
 * Loads the manifest and the resident file; pages come later, as requests need them. The caches keep what the resident file
 * leaves room for (src/store/budgets.ts), the pages' cache `options.maxBytes` where given.
 */
export async function loadIndex(read: ReadAsset, options?: CacheOptions): Promise<LoadedIndex> {
  const cache = new PageCache(read, options)
  const manifestResponse = await cache.read(`${INDEX_PATH}/${MANIFEST_FILE}`)
  if (!manifestResponse.ok) {
    throw new IndexUnavailableError(`folio: index file ${MANIFEST_FILE} is missing (HTTP ${manifestResponse.status}); run npm run build:index`)
  }
  let manifest: Manifest
  try {
    manifest = (await manifestResponse.json()) as Manifest
  } catch {
    throw new IndexUnavailableError(`folio: index file ${MANIFEST_FILE} is not JSON; rebuild the index`)
  }
  if (manifest.format !== FORMAT) {
    throw new IndexUnavailableError(`folio: index format ${manifest.format} is not the worker's ${FORMAT}; rebuild the index`)
  }
  const residentPath = `${INDEX_PATH}/${manifest.resident}`
  const residentBytes = await cache.file(residentPath)
  const resident = decodeOrRefuse(residentPath, residentBytes, (bytes) => new Pack(RESIDENT, bytes))
  const budgets = cacheBudgets(residentBytes.byteLength)
  cache.resize(options?.maxBytes ?? budgets.pages)
  return new LoadedIndex(manifest, resident, cache, budgets)
}
