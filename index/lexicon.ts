/**
 * Writes the lexicon (every word and term, sorted, with its entry, and the
 * volumes' abbreviations) and the completions table (for each prefix
 * beginning more words than a page holds, its most widespread words), both
 * as sorted page tables; and the lexicon's keys as a filter (resident).
 */
import { ByteWriter } from '../src/format/bytes'
import { encodeEntry, type Abbreviation, type LexiconEntry, type TermInfo } from '../src/format/lexicon'
import type { SortedIndex } from '../src/format/layout'
import { buildKeyFilter, type KeyFilterData } from '../src/key-filter'
import type { Volume } from '../src/model'
import { tokenize } from '../src/text'
import type { CorpusWord } from './merge'
import type { IndexOutput } from './output'
import { SortedPagesWriter } from './sorted-pages'

export interface LexiconOptions {
  pageBytes: number
  /** Keys per step of the resident sparse index. */
  step: number
  /** A prefix of more words than this gets precomputed completions. */
  completionThreshold: number
  /** Completions kept per prefix: as many as a query expands a prefix to. */
  completionCount: number
}

export function writeLexicon(
  output: IndexOutput,
  words: ReadonlyMap<string, CorpusWord>,
  terms: ReadonlyMap<string, TermInfo>,
  glossary: Glossary,
  options: LexiconOptions,
): { lexicon: SortedIndex; completions: SortedIndex; keyFilter: KeyFilterData } {
  const entryOf = (key: string): LexiconEntry => {
    const w = words.get(key)
    const entry: LexiconEntry = { key }
    if (w && w.units > 0) entry.word = { units: w.units, variant: w.variant, display: w.display, term: terms.get(w.term)! }
    const t = terms.get(key)
    if (t) entry.term = t
    const means = glossary.means.get(key)
    if (means) entry.means = means
    const begins = glossary.begins.get(key)
    if (begins) entry.begins = begins
    return entry
  }
  const textWords = [...words.values()].filter((w) => w.units > 0).map((w) => w.word)
  const keys = [...new Set([...textWords, ...terms.keys(), ...glossary.means.keys(), ...glossary.begins.keys()])].sort(byCodeUnit)
  const lexicon = new SortedPagesWriter(output, 'lexicon', options.pageBytes, options.step)
  for (const key of keys) lexicon.add(key, encodeEntry(entryOf(key), new ByteWriter()).finish())

  textWords.sort(byCodeUnit)
  const units = textWords.map((w) => words.get(w)!.units)
  const completions = new SortedPagesWriter(output, 'completions', options.pageBytes, options.step)
  for (const [prefix, from, to] of crowdedPrefixes(textWords, options.completionThreshold)) {
    const best = topByUnits(from, to, units, options.completionCount)
    const value = new ByteWriter().varint(best.length)
    for (const i of best) encodeEntry(entryOf(textWords[i]!), value.string(textWords[i]!))
    completions.add(prefix, value.finish())
  }
  return { lexicon: lexicon.finish(), completions: completions.finish(), keyFilter: buildKeyFilter(keys) }
}

/** The volumes' abbreviations, by the keys that list them. */
export interface Glossary {
  means: Map<string, Abbreviation[]>
  begins: Map<string, Abbreviation[]>
}

/**
 * The abbreviations of the volumes' lists, both ways, the first volume's
 * when several lists give the same meaning. An expansion turns back into its
 * abbreviation only for meanings of two words or more and abbreviations of
 * three letters or more (`PM` would bring every `p.m.`).
 */
export function buildGlossary(volumes: readonly Volume[]): Glossary {
  const g: Glossary = { means: new Map(), begins: new Map() }
  const seen = new Set<string>()
  const push = (map: Map<string, Abbreviation[]>, key: string, a: Abbreviation) => {
    const list = map.get(key)
    if (list) list.push(a)
    else map.set(key, [a])
  }
  for (const volume of volumes) {
    for (const term of volume.terms ?? []) {
      const written = tokenize(term.abbreviation)
      const words = tokenize(term.expansion).map((t) => t.word)
      if (written.length !== 1 || words.length === 0) continue
      const a: Abbreviation = { word: written[0]!.word, written: term.abbreviation, words, expansion: term.expansion, volume: volume.id }
      const key = `${a.word}\u0000${words.join(' ')}`
      if (seen.has(key)) continue
      seen.add(key)
      push(g.means, a.word, a)
      if (words.length >= 2 && a.word.length >= 3) push(g.begins, words[0]!, a)
    }
  }
  return g
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Every prefix that more than `threshold` of the sorted `words` begin, with
 * their range, in code-unit order of the prefixes (a prefix before the
 * longer ones it begins).
 */
export function* crowdedPrefixes(words: readonly string[], threshold: number): Generator<[string, number, number]> {
  function* within(from: number, to: number, length: number): Generator<[string, number, number]> {
    for (let i = from; i < to; ) {
      if (words[i]!.length < length) {
        i++
        continue
      }
      const prefix = words[i]!.slice(0, length)
      let j = i + 1
      while (j < to && words[j]!.startsWith(prefix)) j++
      if (j - i > threshold) {
        yield [prefix, i, j]
        yield* within(i, j, length + 1)
      }
      i = j
    }
  }
  yield* within(0, words.length, 1)
}

/** The `count` positions of `[from, to)` with the most units, most first (earlier first on a tie). */
function topByUnits(from: number, to: number, units: readonly number[], count: number): number[] {
  const best: number[] = []
  for (let i = from; i < to; i++) {
    if (best.length === count && units[i]! <= units[best[count - 1]!]!) continue
    let at = best.length
    while (at > 0 && units[best[at - 1]!]! < units[i]!) at--
    best.splice(at, 0, i)
    if (best.length > count) best.pop()
  }
  return best
}
