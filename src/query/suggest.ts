/**
 * Completions for a search box: the last word being typed, completed from the
 * corpus vocabulary, with the rest of the query kept as typed. Alone, the most
 * widespread words come first. After other words, the words found with them in
 * the same units, those units weighed by the word's rarity as a search weighs
 * a word (its inverse document frequency): `security t` is `security Treaty`
 * before `security the`, which more units hold with `security`, and `nuclear
 * we` `nuclear weapons` before `nuclear were`. A word found with none of them
 * is not offered.
 */
import type { Suggestion } from '../api/schema'
import { evaluate } from '../evaluate'
import type { WordEntry } from '../lexicon'
import type { Library } from '../library'
import { SkipPageCount } from '../postings'
import type { QueryNode } from '../query-tree'
import { inverseFrequency } from '../rank'
import { fold } from '../text'
import { parseQuery, QuerySyntaxError } from './parse'
import { planQuery, planTree, queryLimits, type Plan } from './plan'
import { searchLimits } from './search'

/** What counting completions with the query's other words may spend: a fraction of a search's, as the box asks for both at every key. */
const suggestLimits = {
  /** The most widespread completions counted, at most: looking each up at the units of the other words costs postings. */
  candidates: 16,
  /** Postings pages the skip tables of the counted words may span: the completions past it are not counted. */
  skipPages: queryLimits.skipPages / 4,
  postings: searchLimits.postings / 2,
  pages: searchLimits.pages / 4,
}

/** The words before the one being typed, as a query's tree, and what the lexicon knows of its terms. */
interface Context {
  node: QueryNode
  terms: Plan['terms']
}

const LAST_WORD = /[\p{L}\p{M}\p{N}'’.]+$/u

export async function suggest(library: Library, q: string, limit: number): Promise<Suggestion[]> {
  const last = LAST_WORD.exec(q)
  if (!last) return []
  const before = q.slice(0, last.index)
  const prefix = fold(last[0])
  if (prefix === '') return []
  const alone = (words: WordEntry[]) => words.map(({ word }) => ({ text: before + word.display, word: word.display, units: word.units }))
  const context = await contextOf(library, before)
  if (!context) return alone(await library.lexicon.startingWith(library.reader, prefix, limit))
  const words = await library.lexicon.startingWith(library.reader, prefix, Math.max(limit, suggestLimits.candidates))
  const counted = await countTogether(library, context, affordable(library, words))
  // The units holding it with the other words, weighed by its rarity.
  const weight = (s: Suggestion) => s.together! * inverseFrequency(s.units, library.size)
  // A word counted and found with none of the other words would lead to no full match; one not counted is offered after the rest.
  // When none is found with them (a rare word before, a word in its one unit beyond the counted ones), the words alone are offered.
  const found = counted.counts.some((n) => n > 0)
  return alone(words)
    .map((s, i) => ({ ...s, together: counted.counts[i] ?? 0 }))
    .filter((s, i) => s.together > 0 || !found || !counted.complete || i >= counted.counts.length)
    .sort((a, b) => weight(b) - weight(a) || b.units - a.units)
    .slice(0, limit)
}

/** The most widespread words, as many as {@link suggestLimits} allows, whose skip tables fit its pages. */
function affordable(library: Library, words: WordEntry[]): WordEntry[] {
  const skips = new SkipPageCount(library.postings, suggestLimits.skipPages)
  const fit = words.slice(0, suggestLimits.candidates).findIndex((w) => !skips.admits(w.word.term))
  return words.slice(0, fit < 0 ? suggestLimits.candidates : fit)
}

/** The tree of the words before the one being typed, or nothing when there are none (or they do not parse yet: `"nuclear w`). */
async function contextOf(library: Library, before: string): Promise<Context | undefined> {
  if (!/[\p{L}\p{N}]/u.test(before)) return undefined
  try {
    const plan = await planQuery(library, parseQuery(before, { beforeTyped: true }), false)
    return plan.groups.length > 0 ? { node: planTree(plan, 'and'), terms: plan.terms } : undefined
  } catch (error) {
    if (error instanceof QuerySyntaxError) return undefined
    throw error
  }
}

/** For each word, the units holding it as written together with the context's words. */
async function countTogether(library: Library, context: Context, words: WordEntry[]): Promise<{ counts: number[]; complete: boolean }> {
  const counts = new Array<number>(words.length).fill(0)
  const terms = new Map(context.terms)
  for (const { word } of words) terms.set(word.term.term, word.term)
  const root: QueryNode = {
    op: 'and',
    nodes: [context.node, { op: 'or', nodes: [...new Set(words.map((w) => w.word.term.term))].map((term) => ({ op: 'term', term, boost: 1 })) }],
  }
  const forms = words.map(({ word }) => ({ term: word.term.term, variant: word.variant }))
  const evaluation = await evaluate(library.postings, { root, terms, forms, units: library.size, averageLength: library.index.meta.averageLength }, (m) => {
    for (let i = 0; i < m.units.length; i++) {
      const held = m.forms[i]!
      for (let f = 0; f < forms.length; f++) if ((held >>> f) & 1) counts[f]!++
    }
  }, { budget: { postings: suggestLimits.postings, pages: suggestLimits.pages }, exhaustive: suggestLimits.postings, cutoff: () => Infinity })
  return { counts, complete: evaluation.complete }
}
