/**
 * Turns a parsed query into the query tree the evaluator runs: each word
 * becomes its index term, plus the terms of the words it begins (`word*`, or
 * the last word while typing) and, for a word the corpus lacks, the terms of
 * the words one or two edits away. Phrases require their words; exclusions
 * match exactly.
 */
import type { QueryNode } from '../evaluate'
import type { Library } from '../library'
import type { Clause, ParsedQuery, QueryWord } from './parse'

/** How words are matched, documented where they are set. */
export const matchDefaults = {
  /** Weight of a word found by prefix (relative to an exact match = 1). */
  prefixWeight: 0.4,
  /** Weight of a word found one or two edits away from a word the corpus lacks. */
  fuzzyWeight: 0.5,
  /** Prefix or fuzzy expansions per word: enough to help, few enough not to flood. */
  maxExpansions: 40,
  /** A word shorter than this is never matched fuzzily. */
  minFuzzyLength: 5,
  /** Words this long or longer may be two edits away; shorter ones one. */
  twoEditsLength: 9,
  /** The last word of a query still being typed is also a prefix, from this length. */
  minTypingPrefix: 3,
} as const

/** A clause and what it asks the index for. */
export interface PlannedClause {
  clause: Clause
  node: QueryNode
  /** Terms whose match means this clause matched (for a phrase: all are needed). */
  terms: Set<string>
}

/** Every required group, each a list of alternatives. `typing`: the query does not end with a space. */
export function planQuery(library: Library, parsed: ParsedQuery, typing: boolean): PlannedClause[][] {
  const last = parsed.required.at(-1)?.at(-1)
  return parsed.required.map((group) =>
    group.map((clause) => {
      if (clause.type === 'phrase') {
        const words = clause.words.map((w) => wordNode(library, w, 'exact'))
        return { clause, node: { op: 'and', nodes: words.map((w) => w.node) }, terms: new Set(clause.words.map((w) => w.term)) }
      }
      const typed = typing && clause === last && clause.word.word.length >= matchDefaults.minTypingPrefix
      return { clause, ...wordNode(library, clause.word, typed ? 'typed' : 'loose') }
    }),
  )
}

/**
 * The tree for a plan: its groups combined with AND (all words) or OR (the
 * best partial matches), less the units of the excluded words.
 */
export function planTree(library: Library, plan: PlannedClause[][], parsed: ParsedQuery, combineWith: 'and' | 'or'): QueryNode {
  const positive: QueryNode = { op: combineWith, nodes: plan.map((group) => ({ op: 'or', nodes: group.map((c) => c.node) })) }
  const excluded = parsed.excluded.flatMap((c) => (c.type === 'word' ? [wordNode(library, c.word, 'exact').node] : []))
  return excluded.length === 0 ? positive : { op: 'and_not', nodes: [positive, { op: 'or', nodes: excluded }] }
}

/**
 * One word: its term; when the corpus lacks that term (probably a typo), the
 * terms of the words one or two edits away; for `word*` or the last word of a
 * query still being typed, the terms of the words it begins. `exact` (phrase
 * and excluded words) matches the term alone, or its prefix when written so.
 */
function wordNode(library: Library, w: QueryWord, use: 'loose' | 'typed' | 'exact'): { node: QueryNode; terms: Set<string> } {
  const { vocabulary } = library
  const d = matchDefaults
  const weights = new Map<string, number>([[w.term, 1]])
  const add = (terms: string[], weight: number) => {
    for (const t of terms) weights.set(t, Math.max(weights.get(t) ?? 0, weight))
  }
  if (use !== 'exact' && !w.prefix && w.word.length >= d.minFuzzyLength && !vocabulary.hasTerm(w.term)) {
    const edits = w.word.length >= d.twoEditsLength ? 2 : 1
    add(vocabulary.near(w.word, edits, d.maxExpansions).map((e) => e.term), d.fuzzyWeight)
  }
  if (w.prefix || use === 'typed') {
    // `word*` asks for every completion alike; a word still being typed prefers itself.
    add(vocabulary.startingWith(w.word, d.maxExpansions).map((e) => e.term), w.prefix ? 1 : d.prefixWeight)
  }
  const nodes: QueryNode[] = [...weights].map(([term, boost]) => ({ op: 'term', term, boost }))
  return { node: nodes.length === 1 ? nodes[0]! : { op: 'or', nodes }, terms: new Set(weights.keys()) }
}

/** Every term a plan asks for: the words a reader should see marked. */
export function plannedTerms(plan: PlannedClause[][]): Set<string> {
  return new Set(plan.flat().flatMap((c) => [...c.terms]))
}
