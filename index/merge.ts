/**
 * The final merge: every segment's sorted run read side by side, term by
 * term, into the postings and positions streams, with the statistics of the
 * whole corpus (unit count, average length, each term's document frequency)
 * so that every score equals that of one index over everything.
 */
import type { TermInfo, TitleList } from '../src/format/lexicon'
import { encodeTerm, variantBit, type TermPostings } from '../src/format/postings'
import { inverseFrequency, kindOfCode } from '../src/rank'
import type { PagedStream } from './output'
import { RunReader } from './runs'

/** A word of the whole corpus. */
export interface CorpusWord {
  word: string
  term: string
  /** Units whose text holds it (0 for a surname only ever indexed from markup). */
  units: number
  /** How it is most often written. */
  display: string
  /** Its place among its term's variants (sorted by code unit). */
  variant: number
}

export interface Merged {
  units: number
  /** MiniSearch's running average of unit lengths, in unit order. */
  averageLength: number
  terms: Map<string, TermInfo>
  words: Map<string, CorpusWord>
}

/** Merges runs (in corpus order) into the streams. `termOf` maps a folded word to its term. */
export function mergeRuns(
  paths: readonly string[],
  streams: { postings: PagedStream; positions: PagedStream },
  termOf: (word: string) => string,
  onTerm?: (done: number) => void,
): Merged {
  // Each run's words become numbers of the corpus's words as the run is opened, and its word table is let go:
  // held for every run at once until the terms were merged, the tables were most of the build's memory at 1 GB.
  const numbers = new Map<string, number>()
  const counts: number[] = []
  const spellings: Map<string, number>[] = []
  const runs: RunReader[] = []
  const local: Uint32Array[] = []
  for (const path of paths) {
    const run = new RunReader(path)
    local.push(Uint32Array.from(run.words, (w) => {
      let n = numbers.get(w.word)
      if (n === undefined) {
        numbers.set(w.word, (n = counts.length))
        counts.push(0)
        spellings.push(new Map())
      }
      counts[n]! += w.units
      const s = spellings[n]!
      for (const [spelling, k] of w.spellings) s.set(spelling, (s.get(spelling) ?? 0) + k)
      return n
    }))
    run.words.length = 0
    runs.push(run)
  }
  const bases: number[] = []
  let units = 0
  let averageLength = 0
  for (const run of runs) {
    bases.push(units)
    for (const length of run.lengths) {
      averageLength = (averageLength * units + length) / (units + 1)
      units++
    }
  }

  const byTerm = new Map<string, string[]>()
  for (const word of numbers.keys()) {
    const term = termOf(word)
    const list = byTerm.get(term)
    if (list) list.push(word)
    else byTerm.set(term, [word])
  }
  const words = new Map<string, CorpusWord>()
  const variantOf = new Uint32Array(counts.length)
  for (const [term, list] of byTerm) {
    list.sort((a, b) => (a < b ? -1 : 1)).forEach((word, variant) => {
      const n = numbers.get(word)!
      words.set(word, { word, term, units: counts[n]!, display: usualSpelling(spellings[n]!), variant })
      variantOf[n] = variant
    })
  }
  numbers.clear()
  spellings.length = 0
  const variantsOf = local.map((list) => list.map((n) => variantOf[n]!))

  const terms = new Map<string, TermInfo>()
  const heap = new RunHeap(runs)
  while (heap.size > 0) {
    const term = heap.top.term!
    const parts: { run: number; reader: RunReader }[] = []
    while (heap.size > 0 && heap.top.term === term) {
      const reader = heap.pop()
      parts.push({ run: heap.order(reader), reader })
    }
    parts.sort((a, b) => a.run - b.run)
    const taken = parts.map(({ run, reader }) => ({ run, postings: reader.postings() }))
    for (const { reader } of parts) {
      reader.advance()
      if (reader.term !== undefined) heap.push(reader)
    }

    const variants = byTerm.get(term)!.length
    const n = taken.reduce((s, t) => s + t.postings.units.length, 0)
    const occurrences = taken.reduce((s, t) => s + t.postings.positions.length, 0)
    const unitsOf = new Uint32Array(n)
    const tfs = new Uint32Array(n)
    const lengths = new Uint32Array(n)
    const codes = new Uint8Array(n)
    const masks = new Uint32Array(n)
    const start = new Uint32Array(n + 1)
    const at = new Uint32Array(occurrences)
    const written = new Uint32Array(occurrences)
    let i = 0
    let o = 0
    for (const { run, postings: p } of taken) {
      const reader = runs[run]!
      const variantOf = variantsOf[run]!
      for (let k = 0; k < p.units.length; k++, i++) {
        const u = p.units[k]!
        unitsOf[i] = bases[run]! + u
        tfs[i] = p.tfs[k]!
        lengths[i] = reader.lengths[u]!
        codes[i] = reader.codes[u]!
        start[i] = o
        let mask = 0
        for (let x = p.start[k]!; x < p.start[k + 1]!; x++, o++) {
          at[o] = p.positions[x]!
          written[o] = variantOf[p.words[x]!]!
          mask |= variantBit(written[o]!, variants)
        }
        masks[i] = mask >>> 0
      }
    }
    start[n] = o
    const idf = inverseFrequency(n, units)
    const postings: TermPostings = {
      units: unitsOf, tfs, lengths, codes, masks, positions: (k) => ({ at: at.subarray(start[k]!, start[k + 1]!), variants: written.subarray(start[k]!, start[k + 1]!) }),
    }
    const encoded = encodeTerm(postings, variants, idf, averageLength)
    const info: TermInfo = {
      term,
      df: n,
      variants,
      postings: streams.postings.append(encoded.postings, term),
      postingsBytes: encoded.postings.length,
      skipBytes: encoded.skipBytes,
      blocks: encoded.blocks,
      positions: streams.positions.append(encoded.positions, term),
      positionsBytes: encoded.positions.length,
      bound: encoded.bound,
    }
    // Right after the term's own, so that the postings stream stays in key order (`term` < `term\u0001` < any longer term).
    const titles = encoded.blocks > TITLE_TIER_BLOCKS ? titleList(postings, variants, idf, averageLength, streams, `${term}\u0001`) : undefined
    if (titles) info.titles = titles
    terms.set(term, info)
    onTerm?.(terms.size)
  }
  return { units, averageLength, terms, words }
}

/** Blocks a term has at least for its titles to get a list of their own: a rarer term's whole postings are read at once anyway. */
const TITLE_TIER_BLOCKS = 4

/** A term's postings at titles, encoded and appended to the streams under `key`; none when it is in no title. */
function titleList(p: TermPostings, variants: number, idf: number, averageLength: number, streams: { postings: PagedStream; positions: PagedStream }, key: string): TitleList | undefined {
  const kept: number[] = []
  for (let i = 0; i < p.units.length; i++) if (kindOfCode(p.codes[i]!) === 'title') kept.push(i)
  if (kept.length === 0) return undefined
  const pick = (a: ArrayLike<number>) => kept.map((i) => a[i]!)
  const encoded = encodeTerm({
    units: pick(p.units), tfs: pick(p.tfs), lengths: pick(p.lengths), codes: pick(p.codes), masks: pick(p.masks),
    positions: (j) => p.positions(kept[j]!),
  }, variants, idf, averageLength)
  return {
    df: kept.length, postings: streams.postings.append(encoded.postings, key), postingsBytes: encoded.postings.length, skipBytes: encoded.skipBytes,
    blocks: encoded.blocks, positions: streams.positions.append(encoded.positions, key), positionsBytes: encoded.positions.length, bound: encoded.bound,
  }
}

/** The most frequent spelling; lower case wins a tie, then the first in code-point order. */
export function usualSpelling(spellings: ReadonlyMap<string, number>): string {
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

/** Runs ordered by their current term (code-unit order), then by run. */
class RunHeap {
  readonly #items: RunReader[] = []
  readonly #order: Map<RunReader, number>

  constructor(runs: readonly RunReader[]) {
    this.#order = new Map(runs.map((r, i) => [r, i]))
    for (const r of runs) if (r.term !== undefined) this.push(r)
  }

  get size(): number {
    return this.#items.length
  }

  /** A run's place in corpus order. */
  order(r: RunReader): number {
    return this.#order.get(r)!
  }

  get top(): RunReader {
    return this.#items[0]!
  }

  #before(a: RunReader, b: RunReader): boolean {
    return a.term! < b.term! || (a.term === b.term && this.#order.get(a)! < this.#order.get(b)!)
  }

  push(r: RunReader): void {
    const items = this.#items
    items.push(r)
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (!this.#before(items[i]!, items[parent]!)) break
      ;[items[i], items[parent]] = [items[parent]!, items[i]!]
      i = parent
    }
  }

  pop(): RunReader {
    const items = this.#items
    const top = items[0]!
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        let m = i
        if (l < items.length && this.#before(items[l]!, items[m]!)) m = l
        if (l + 1 < items.length && this.#before(items[l + 1]!, items[m]!)) m = l + 1
        if (m === i) break
        ;[items[i], items[m]] = [items[m]!, items[i]!]
        i = m
      }
    }
    return top
  }
}
