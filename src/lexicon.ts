/**
 * The lexicon as a query reads it: a word or term looked up in one page (or
 * none, when the resident key filter proves it absent), the words a prefix
 * begins (precomputed for crowded prefixes, read from a page or two for the
 * others), and the words a few edits from a typo: those one edit away tried
 * against the filter and looked up on their pages, those two away found by
 * walking only the pages whose keys can be near it. What it answered is kept
 * across requests: a word asked again costs no page.
 */
import { ByteReader } from './format/bytes'
import { decodeEntry, wordUnits, type LexiconEntry, type WordInfo } from './format/lexicon'
import { oneEditAway, prefixDistances, prefixesOf, Rows, scriptOf, walkNear, type Prefixes } from './fuzzy'
import { KeyFilter, type KeyFilterData } from './key-filter'
import { DecodedCache } from './store/cache'
import { TopK } from './top'
import type { PageReader } from './store/reader'
import { valueAt, type Place, type SortedTable } from './store/sorted'

/** A lexicon entry that is a word of the corpus. */
export type WordEntry = LexiconEntry & { word: WordInfo }

export interface NearWords {
  /** Nearest first, then the most widespread. */
  words: (WordEntry & { edits: number })[]
  /** Pages that could hold more near words were left unread (the query's budget). */
  cut: boolean
}

/**
 * Strings one edit from a word tried against the key filter, at most (counted as 2 · (length + 1) · letters): past it (a long
 * word in a writing system of many letters), walking the pages costs less. A word of eight letters over 26 letters, 10 digits
 * and a sign counts 666.
 */
const MOST_TRIED = 4096

/**
 * Bytes of the lexicon's answers kept (a key's entry, a typo's near words, a prefix's completions: a few hundred bytes each, a
 * three-hundredth of the 65 KB page each was read from). Pages hold what queries read of the lexicon only while their memory lasts:
 * at 1 GB, a busy isolate's other queries push a typo's pages out, and asking the typo again read them all again.
 */
const ANSWERS_BYTES = 2 * 2 ** 20
/** Bytes counted for an answer beside its keys' text: its objects, and the cache's entry. */
const ANSWER_OVERHEAD = 320

const entryBytes = (e: LexiconEntry | undefined) => ANSWER_OVERHEAD + 2 * (e?.key.length ?? 0)
const entriesBytes = (es: readonly LexiconEntry[]) => es.reduce((n, e) => n + entryBytes(e), ANSWER_OVERHEAD)

/** What {@link Lexicon.near} keeps an answer under: the word, and what it was allowed. */
const nearQuestion = (word: string, maxEdits: number, max: number, maxPages: number) => `~${word}\u0000${maxEdits}\u0000${max}\u0000${maxPages}`
const entryAt = (place: Place) => decodeEntry(place.page.keys.at(place.at)!, valueAt(place))
const isWord = (e: LexiconEntry): e is WordEntry => e.word !== undefined
/** Most widespread first; ties in key order (callers pass entries in key order). */
const byUnits = (a: WordEntry, b: WordEntry) => b.word.units - a.word.units

export class Lexicon {
  /** For each resident key, the start every key of its step shares, walked as a trie (computed once, on the first typo). */
  #stepPrefixes: Prefixes | undefined
  #pagesOfSteps: Int32Array | undefined
  #keys: KeyFilter | undefined
  /** The keys' code units by writing system (computed once, on the first typo). */
  #letters: Map<number, string> | undefined

  /** What the lexicon answered (by the question: `=key`, `~word…`, `*prefix…`), kept across requests. */
  readonly #answers = new DecodedCache(ANSWERS_BYTES)

  constructor(
    readonly table: SortedTable,
    readonly completions: SortedTable,
    readonly keyFilter: KeyFilterData,
  ) {}

  /** Whether the lexicon surely lacks `key`, known without a read (its filter, loaded on first use). */
  lacks(key: string): boolean {
    this.#keys ??= new KeyFilter(this.keyFilter)
    return this.#keys.lacks(key)
  }

  /**
   * The keys within `maxEdits` of `word` (folded) the lexicon may hold, in key order, known without a read: every key one edit
   * away is among them (and a few the filter lets through). Undefined when they are not found so: two edits, or too many
   * strings to try.
   */
  nearKeys(word: string, maxEdits: number): string[] | undefined {
    if (maxEdits !== 1) return undefined
    const letters = this.#lettersFor(word)
    if (2 * (word.length + 1) * letters.length > MOST_TRIED) return undefined
    return [...oneEditAway(word, letters)].filter((k) => !this.lacks(k)).sort()
  }

  /** The code units a slip in `word` can add or change: the keys' own, of the word's writing systems and of none (digits, signs). */
  #lettersFor(word: string): string {
    if (!this.#letters) {
      this.#letters = new Map()
      for (const unit of this.keyFilter.alphabet) this.#letters.set(scriptOf(unit), (this.#letters.get(scriptOf(unit)) ?? '') + unit)
    }
    const scripts = new Set([-1, ...Array.from(word, scriptOf)])
    return [...scripts].map((s) => this.#letters!.get(s) ?? '').join('')
  }

  async lookup(reader: PageReader, key: string): Promise<LexiconEntry | undefined> {
    return this.#answers.kept(`=${key}`, async () => {
      const place = await this.table.find(reader, key)
      return place && entryAt(place)
    }, entryBytes)
  }

  /** Reads, all at once, the pages the keys not answered before are on, so that looking them up next costs no I/O. */
  async prefetch(reader: PageReader, keys: Iterable<string>): Promise<void> {
    const pages = new Set([...keys].filter((k) => !this.#answers.has(`=${k}`)).map((k) => this.table.pageFor(k)))
    if (this.table.pages > 0) await Promise.all([...pages].map((p) => this.table.read(reader, p)))
  }

  /** The words starting with `prefix` (folded), most widespread first, at most `max`. */
  async startingWith(reader: PageReader, prefix: string, max: number): Promise<WordEntry[]> {
    return this.#answers.kept(`*${prefix}\u0000${max}`, () => this.#startingWith(reader, prefix, max), entriesBytes)
  }

  async #startingWith(reader: PageReader, prefix: string, max: number): Promise<WordEntry[]> {
    // Every read at once: a crowded prefix is in the completions table, any other's words on a lexicon page or two (both read now:
    // the scan would otherwise wait a round for the second).
    const lexiconPages = this.table.pages > 0 ? this.table.pagesStartingWith(prefix, 2) : []
    const [listed] = await Promise.all([this.completions.find(reader, prefix), ...lexiconPages.map((p) => this.table.read(reader, p))])
    if (listed) {
      const r = valueAt(listed)
      const words: WordEntry[] = []
      for (let n = r.varint(); n > 0 && words.length < max; n--) words.push(decodeEntry(r.string(), r) as WordEntry)
      return words
    }
    // The range's words ranked by the units they are in (the first in key order among equals), read alone; only the best are kept and decoded.
    const best = new TopK<Place & { units: number; n: number }>(max, (a, b) => a.units > b.units || (a.units === b.units && a.n < b.n))
    let n = 0
    let values: ByteReader | undefined // one reader per page, not one per key
    await this.table.scan(reader, prefix, (page, at) => {
      if (!page.keys.startsWith(at, prefix)) return false
      if (values?.bytes !== page.values) values = new ByteReader(page.values)
      values.at = page.valueStart[at]!
      const units = wordUnits(values)
      if (units >= 0 && (!best.full || units > best.worst!.units)) best.push({ page, at, units, n })
      n++
      return true
    })
    return best.sorted().map((place) => entryAt(place) as WordEntry)
  }

  /**
   * The words within `maxEdits` edits of `word` (folded), nearest and most
   * widespread first, at most `max`, reading at most `maxPages` lexicon pages:
   * given its {@link nearKeys} (`keys`, when the caller has them), the pages holding most of them; otherwise
   * those whose keys can be nearest, the page `word` would be on first.
   */
  async near(reader: PageReader, word: string, maxEdits: number, max: number, maxPages: number, keys?: string[]): Promise<NearWords> {
    const ask = () => {
      const near = keys ?? this.nearKeys(word, maxEdits)
      return near ? this.#among(reader, near, max, maxPages) : this.#walk(reader, word, maxEdits, max, maxPages)
    }
    return this.#answers.kept(nearQuestion(word, maxEdits, max, maxPages), ask, (near) => entriesBytes(near.words))
  }

  /** Whether {@link near} kept this answer: asked again, it reads nothing and needs no {@link nearKeys}. */
  knowsNear(word: string, maxEdits: number, max: number, maxPages: number): boolean {
    return this.#answers.has(nearQuestion(word, maxEdits, max, maxPages))
  }

  /** The words among `keys` (one edit from a word, in key order), most widespread first, reading the pages holding most first. */
  async #among(reader: PageReader, keys: readonly string[], max: number, maxPages: number): Promise<NearWords> {
    const onPage = new Map<number, string[]>()
    for (const key of keys) {
      const page = this.table.pageFor(key)
      const listed = onPage.get(page)
      if (listed) listed.push(key)
      else onPage.set(page, [key])
    }
    const read = [...onPage.keys()].sort((p, q) => onPage.get(q)!.length - onPage.get(p)!.length || p - q).slice(0, maxPages)
    await Promise.all(read.map((p) => this.table.read(reader, p)))
    const found: (WordEntry & { edits: number })[] = []
    // In page order, the keys stay in key order.
    for (const key of read.sort((p, q) => p - q).flatMap((p) => onPage.get(p)!)) {
      const entry = await this.lookup(reader, key)
      if (entry && isWord(entry)) found.push({ ...entry, edits: 1 })
    }
    return { words: found.sort(byUnits).slice(0, max), cut: onPage.size > read.length }
  }

  async #walk(reader: PageReader, word: string, maxEdits: number, max: number, maxPages: number): Promise<NearWords> {
    const { index } = this.table
    if (index.keys.length === 0) return { words: [], cut: false }
    const prefixes = this.#prefixes()
    const rows = new Rows(word, maxEdits)
    const bounds = prefixDistances(prefixes, rows)
    const home = this.table.pageFor(word)
    // A page's promise: how much of the word one of its steps' shared start matches, net of the edits it takes (keys sharing
    // `app` at one edit are likelier to hold `ppointed`'s neighbour than keys sharing `p` at none), its best step's; -1 when no
    // step can hold a near word. The `maxPages` most promising are kept as they are met, nearest `home` first among equals (a
    // corpus of a million words has thousands of pages in reach of a short word).
    const stepPages = this.#stepPages()
    const promise = new Int32Array(this.table.pages).fill(-1)
    for (let s = 0; s < stepPages.length; s++) {
      if (bounds[s]! > maxEdits) continue
      const value = prefixes.strings[s]!.length - bounds[s]!
      if (value > promise[stepPages[s]!]!) promise[stepPages[s]!] = value
    }
    const away = (p: number) => Math.abs(p - home)
    const best = new TopK<number>(maxPages, (p, q) => promise[p]! > promise[q]! || (promise[p] === promise[q] && (away(p) < away(q) || (away(p) === away(q) && p < q))))
    let promising = 0
    for (let p = 0; p < promise.length; p++) {
      if (promise[p]! < 0) continue
      promising++
      best.push(p)
    }
    const read = best.sorted().sort((a, b) => a - b)
    const found: (WordEntry & { edits: number })[] = []
    for (const page of await Promise.all(read.map((p) => this.table.read(reader, p)))) {
      const firstStep = page.first / index.step
      for (let s = firstStep; s * index.step < page.first + page.keys.length; s++) {
        if (bounds[s]! > maxEdits) continue
        const from = s * index.step - page.first
        const to = Math.min(page.keys.length, from + index.step)
        walkNear(page.keys, from, to, rows, (at, edits) => {
          const entry = entryAt({ page, at })
          if (isWord(entry)) found.push({ ...entry, edits })
        })
      }
    }
    return { words: found.sort((a, b) => a.edits - b.edits || byUnits(a, b)).slice(0, max), cut: promising > read.length }
  }

  /** The start every key of each step shares, ready to measure words against (computed once, on the first typo). */
  #prefixes(): Prefixes {
    this.#stepPrefixes ??= prefixesOf(Array.from(this.table.index.keys, (k, s) => k.slice(0, this.table.index.shared[s])))
    return this.#stepPrefixes
  }

  /**
   * The page of each step (computed once, on the first typo: every typo asks it of every step; a search per step, over the keys as
   * strings, took 5 ms of a new isolate's first typo at 1 GB).
   */
  #stepPages(): Int32Array {
    this.#pagesOfSteps ??= this.table.stepPages()
    return this.#pagesOfSteps
  }
}
