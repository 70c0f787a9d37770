/**
 * Query sets for the benchmarks, drawn from a corpus's real units with a
 * seeded generator, then committed (bench/queries/*.json) so that every run
 * and every engine answers the same queries.
 *
 * - single, two, three: words picked uniformly from the content words of the
 *   units (four letters or more; any word a reader would type), two and three
 *   taken from one unit so that they co-occur;
 * - phrase: two or three consecutive words of a unit, quoted;
 * - prefix: the first 3–5 letters of a content word, with `*`;
 * - typo: a content word of seven letters or more with one edit (deletion,
 *   insertion, substitution or transposition) at a random place;
 * - known-item: three distinctive words of a random unit, as a reader might
 *   remember them: three of its uncommon words (in at most 1% of the units,
 *   and at least 3) picked at random, in text order, that no other unit has
 *   all three of (a unit whose words another shares, such as the "original
 *   bears this typed signature" notes, has no known item and is passed over);
 *   and the same with a typo in the longest of them. The unit is the answer.
 */
import { random, shuffle } from './random'
import { tokenize } from '../src/text'
import { COMMON_WORDS } from '../src/query/parse'

export interface KnownItem {
  q: string
  /** The unit id the query was drawn from. */
  answer: string
}

export interface QuerySet {
  corpus: string
  seed: number
  single: string[]
  two: string[]
  three: string[]
  phrase: string[]
  prefix: string[]
  typo: string[]
  known: KnownItem[]
  knownTypo: KnownItem[]
}

export const LATENCY_KINDS = ['single', 'two', 'three', 'phrase', 'prefix', 'typo', 'known', 'knownTypo'] as const
export type LatencyKind = (typeof LATENCY_KINDS)[number]

/** The units a query set is drawn from: id and text. */
export interface SourceUnit {
  id: string
  text: string
}

const CONTENT = /^[a-z]{4,}$/

export function makeQueries(corpus: string, units: readonly SourceUnit[], seed: number, size = { each: 50, known: 200 }): QuerySet {
  const rand = random(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!
  const tokens = units.map((u) => tokenize(u.text).map((t) => ({ word: t.word, written: u.text.slice(t.start, t.end) })))
  const df = new Map<string, number>()
  for (const ts of tokens) for (const w of new Set(ts.map((t) => t.word))) df.set(w, (df.get(w) ?? 0) + 1)
  const content = (i: number) => tokens[i]!.filter((t) => CONTENT.test(t.word))
  const rich = units.map((_, i) => i).filter((i) => content(i).length >= 6)
  const vocabulary = [...df.keys()].filter((w) => CONTENT.test(w)).sort()

  // `two` and `three` hold as many words a query is searched for, not common words it would be searched without.
  const searched = (i: number) => content(i).filter((t) => !COMMON_WORDS.has(t.word))
  const wordy = rich.filter((i) => searched(i).length >= 6)
  const words = (n: number) => {
    const ws = searched(pick(wordy))
    const start = Math.floor(rand() * (ws.length - n))
    return ws.slice(start, start + n).map((t) => t.written).join(' ')
  }
  const phrase = () => {
    const ts = tokens[pick(rich)]!
    const n = 2 + Math.floor(rand() * 2)
    const start = Math.floor(rand() * (ts.length - n))
    return `"${ts.slice(start, start + n).map((t) => t.written).join(' ')}"`
  }
  const wordSets = tokens.map((ts) => new Set(ts.map((t) => t.word)))
  const uncommon = Math.max(3, Math.floor(units.length / 100))
  const known = (): KnownItem => {
    for (;;) {
      const i = pick(rich)
      const ws = content(i)
      const candidates = [...new Set(ws.map((t) => t.word))].filter((w) => df.get(w)! <= uncommon)
      if (candidates.length < 3) continue
      const three = shuffle(candidates, rand).slice(0, 3)
      if (wordSets.some((set, j) => j !== i && three.every((w) => set.has(w)))) continue
      const chosen = ws.filter((t, k) => three.includes(t.word) && ws.findIndex((x) => x.word === t.word) === k)
      return { q: chosen.map((t) => t.written).join(' '), answer: units[i]!.id }
    }
  }
  const withTypo = (item: KnownItem): KnownItem => {
    const parts = item.q.split(' ')
    const longest = parts.reduce((a, b, k) => (b.length > parts[a]!.length ? k : a), 0)
    parts[longest] = typo(parts[longest]!, rand)
    return { q: parts.join(' '), answer: item.answer }
  }
  const { each } = size
  const knownItems = Array.from({ length: size.known }, known)
  return {
    corpus,
    seed,
    single: Array.from({ length: each }, () => pick(vocabulary)),
    two: Array.from({ length: each }, () => words(2)),
    three: Array.from({ length: each }, () => words(3)),
    phrase: Array.from({ length: each }, phrase),
    prefix: Array.from({ length: each }, () => {
      const w = pick(vocabulary)
      return `${w.slice(0, 3 + Math.floor(rand() * 3))}*`
    }),
    typo: Array.from({ length: each }, () => typo(pick(vocabulary.filter((w) => w.length >= 7)), rand)),
    known: knownItems,
    knownTypo: knownItems.map(withTypo),
  }
}

/** One typing slip at a random place: a letter left out, added, changed, or two letters swapped. */
export function typo(word: string, rand: () => number): string {
  const at = Math.floor(rand() * word.length)
  const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]!
  const edits = [
    () => word.slice(0, at) + word.slice(at + 1),
    () => word.slice(0, at) + letter + word.slice(at),
    () => word.slice(0, at) + (letter === word[at] ? 'e' : letter) + word.slice(at + 1),
    () => (at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at)),
  ]
  const out = edits[Math.floor(rand() * edits.length)]!()
  return out === word ? word.slice(1) : out
}

/**
 * Queries shaped to cost the most, whatever the corpus: each is checked to
 * keep to the query budget (its CPU time measured with the others).
 *
 * - prefixes: 32 two-letter prefixes, each expanding to forty words;
 * - stop phrases: eight phrases of the commonest words (`"of the"`);
 * - partial: 31 uncommon words no unit holds together, and a word none holds,
 *   so that all words together find nothing and the best partial matches are
 *   sought over all of them;
 * - or chain: the 32 commonest words joined by OR;
 * - common words: the 32 commonest words that a query is not searched without
 *   (`COMMON_WORDS`, src/query/parse.ts: `the` and `of` would be left out), all
 *   required;
 * - typos: eight long words with a slip each, every one looked for a few edits away.
 */
export function hostileQueries(units: readonly SourceUnit[], seed: number): Record<string, string> {
  const rand = random(seed)
  const counts = new Map<string, number>()
  for (const u of units) for (const w of new Set(tokenize(u.text).map((t) => t.word))) counts.set(w, (counts.get(w) ?? 0) + 1)
  const byCount = [...counts].filter(([w]) => /^[a-z]+$/.test(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w)
  const common = byCount.slice(0, 32)
  const prefixes = [...new Set(byCount.filter((w) => w.length >= 4).map((w) => w.slice(0, 2)))].slice(0, 32)
  const uncommon = shuffle(byCount.filter((w) => w.length >= 6 && counts.get(w)! <= 3), rand).slice(0, 31)
  const long = shuffle(byCount.filter((w) => w.length >= 9).slice(0, 500), rand).slice(0, 8)
  return {
    prefixes: prefixes.map((p) => `${p}*`).join(' '),
    'stop phrases': ['of the', 'in the', 'to the', 'and the', 'on the', 'for the', 'at the', 'by the'].map((p) => `"${p}"`).join(' '),
    partial: [...uncommon, 'qxzzyvw'].join(' '),
    'or chain': common.join(' OR '),
    'common words': byCount.filter((w) => !COMMON_WORDS.has(w)).slice(0, 32).join(' '),
    typos: long.map((w) => typo(w, rand)).join(' '),
  }
}
