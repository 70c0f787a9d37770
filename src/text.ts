/**
 * The one text-processing module shared by the index build (Node) and the
 * worker (workerd): the words that built the index are the words that search it.
 *
 * A text becomes a list of {@link Token}s. Each token keeps where it stands in
 * the text (for snippets and highlights), its folded form (for exact phrases
 * and completions) and its index term (folded and stemmed, for matching).
 */
/// <reference path="./wink-porter2-stemmer.d.ts" />
import porter2 from 'wink-porter2-stemmer'

/** One word of a text. */
export interface Token {
  /** Offset of the first character in the text. */
  start: number
  /** Offset just past the last character. */
  end: number
  /** Lower-cased, diacritic-free form: `Argüello` → `arguello`, `U.S.` → `us`. */
  word: string
  /** The index term: the folded word, stemmed when it is an English word. */
  term: string
}

// A word is a run of letters, marks and digits, optionally joined by an inner
// apostrophe (`don't`, `Rusk’s`), a dotted abbreviation (`U.S.`, `p.m.`), or a
// number with thousands separators or decimals (`6,000`, `3.5`).
const WORD = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*(?:\p{L}+)?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu

// Letters that Unicode decomposition leaves whole but readers treat as plain.
const LIGATURES: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
}
const LIGATURE = /[ßæœøłđðþı]/g
const MARKS = /\p{M}/gu
const ENGLISH_WORD = /^[a-z]+$/
const PLAIN = /^[A-Za-z0-9]+$/
// Plurals whose final `s` Porter2 keeps: a word of consonants (`SSNs`), and
// a word in `-u` (`Ryukyus`, `menus`), whose `-us` Porter2 reads as a Latin
// singular's (`status`); not `-ous`, which Porter2 stems as a suffix.
const KEPT_PLURAL = /^[^aeiouy]+s$|[^o]us$/

/** Folds a word for comparison: lower case, no diacritics, no inner punctuation. */
export function fold(word: string): string {
  if (PLAIN.test(word)) return word.toLowerCase()
  return word
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(LIGATURE, (c) => LIGATURES[c]!)
    // Possessives index as their owner: `Rusk's` → `rusk`.
    .replace(/['’]s$/, '')
    // `U.S.` → `us`, `6,000` → `6000`, `don't` → `dont`; a decimal point stays.
    .replace(/['’]|\.(?!\d)|,(?=\d)/g, '')
}

/**
 * The index term for a folded word: English words are stemmed (Porter2, the
 * Snowball English stemmer), others kept. Porter's first stemmer made
 * `news` `new`, `communism` `community` and `generous` `general`; Porter2
 * keeps each its own, and three rules go with it:
 * - a word of consonants ending in `s` is an abbreviation's plural: `SSNs`
 *   is `SSN` (Porter2 drops a final `s` only where a vowel comes earlier);
 * - a word ending in `-us` (not `-ous`) loses its `s`, as it did with Porter's
 *   first stemmer: `Ryukyus` is `Ryukyu`, `menus` `menu`. A Latin singular
 *   then parts from its inflections (`focus` is `focu`, `focused` `focus`);
 *   dropping the `s` after Porter2 instead would join `abuse` and `Abu`
 *   (docs/relevance.md weighs the two);
 * - a stem of two letters is not used, as it would be another word: `being`
 *   would be `be`, `going` `go`, `its` `it`.
 */
export function stem(word: string): string {
  if (word.length <= 2 || !ENGLISH_WORD.test(word)) return word
  const stemmed = porter2(KEPT_PLURAL.test(word) ? word.slice(0, -1) : word)
  return stemmed.length > 2 ? stemmed : word
}

/** Words whose stems are remembered; past it the memory starts over. */
const STEMS_KEPT = 65_536
const stems = new Map<string, string>()

/** {@link stem}, remembered for the words last seen: stemming is the costly part of tokenizing. */
function rememberedStem(word: string): string {
  let term = stems.get(word)
  if (term === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear()
    term = stem(word)
    stems.set(word, term)
  }
  return term
}

/** The index term for a word as written. */
export function termOf(word: string): string {
  return stem(fold(word))
}

/** Splits a text into tokens, in order. */
export function tokenize(text: string): Token[] {
  return analyze(text).tokens
}

/**
 * A text's tokens and its length as MiniSearch counts it: the distinct words
 * as written (before folding), which BM25 normalises by. `termOf` maps a
 * folded word to its term (the build passes a memoized {@link stem}).
 */
export function analyze(text: string, termOf: (word: string) => string = rememberedStem): { tokens: Token[]; length: number } {
  const tokens: Token[] = []
  const written = new Set<string>()
  for (const match of text.matchAll(WORD)) {
    written.add(match[0])
    const word = fold(match[0])
    if (word === '') continue
    const start = match.index
    tokens.push({ start, end: start + match[0].length, word, term: termOf(word) })
  }
  return { tokens, length: written.size }
}

/**
 * Where a text has words with one of `terms`: the spans of those tokens
 * alone. The same as filtering {@link tokenize}, but a word whose first
 * letter begins no term is passed over unfolded and unstemmed (folding and
 * stemming keep a plain first letter), which makes marking a hit's words
 * cheap.
 */
export function findTerms(text: string, terms: ReadonlySet<string>): [start: number, end: number][] {
  const firsts = new Set([...terms].map((t) => t.charCodeAt(0)))
  const spans: [number, number][] = []
  for (const match of text.matchAll(WORD)) {
    const c = match[0].charCodeAt(0) | 0x20
    if (c < 0x80 && !firsts.has(c)) continue
    const word = fold(match[0])
    if (word !== '' && terms.has(rememberedStem(word))) spans.push([match.index, match.index + match[0].length])
  }
  return spans
}

/**
 * Where a text holds these phrases: for each phrase, the spans from the first
 * word to the last of each run of consecutive words, the k-th among
 * `phrase[k]` (folded words). The text is read once, whatever the number of
 * phrases, and its words are folded, not stemmed (phrases match words as written).
 */
export function findPhrases(text: string, phrases: readonly (readonly ReadonlySet<string>[])[]): [start: number, end: number][] {
  if (phrases.length === 0) return []
  const words: { word: string; start: number; end: number }[] = []
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0])
    if (word !== '') words.push({ word, start: match.index, end: match.index + match[0].length })
  }
  const spans: [number, number][] = []
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      let k = 0
      while (k < phrase.length && phrase[k]!.has(words[i + k]!.word)) k++
      if (k === phrase.length && k > 0) spans.push([words[i]!.start, words[i + k - 1]!.end])
    }
  }
  return spans
}

/** The words of a text as written, for MiniSearch's `tokenize` option. */
export function words(text: string): string[] {
  return text.match(WORD) ?? []
}
