/**
 * Turns a parsed query into the query tree the evaluator runs: each word
 * becomes its index term, plus the terms of the words it begins (`word*`, or
 * the last word while typing) and, for a word the corpus lacks, the terms of
 * the words one or two edits away. Abbreviations of the volumes' lists are
 * searched both ways (see glossary.ts). Phrases require their words, in
 * order; exclusions match exactly.
 */
import type { QueryNode } from '../evaluate'
import type { Library } from '../library'
import { glossaryOf, writtenAsAbbreviation } from './glossary'
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

/** One way a group can match, and what it asks the index for. */
export interface PlannedClause {
  node: QueryNode
  /** Terms whose match means this clause matched: any of them, or all. */
  terms: Set<string>
  match: 'any' | 'all'
  /** Words that must also stand together, in order. */
  phrase?: readonly QueryWord[]
  /** The words (folded) whose presence as written, all of them, means the clause matched exactly rather than by stem. */
  forms: string[]
}

/** An abbreviation searched for its expansion, or the other way round: shown to the user. */
export interface Expansion {
  /** What the query said. */
  query: string
  /** What was searched too. */
  also: string
  volume: string
}

export interface Plan {
  /** Every group must match (or, for partial matches, any); a group matches when one of its clauses does. */
  groups: PlannedClause[][]
  expansions: Expansion[]
}

/** The plan of a query. `typing`: the query does not end with a space. */
export function planQuery(library: Library, parsed: ParsedQuery, typing: boolean): Plan {
  const last = parsed.required.at(-1)?.at(-1)
  const expansions: Expansion[] = []
  const glossary = glossaryOf(library)
  const groups = parsed.required.map((group) =>
    group.flatMap((clause): PlannedClause[] => {
      if (clause.type === 'phrase') return [phraseClause(library, clause.words)]
      const typed = typing && clause === last && clause.word.word.length >= matchDefaults.minTypingPrefix
      const own: PlannedClause = { ...wordNode(library, clause.word, typed ? 'typed' : 'loose'), match: 'any', forms: exactForms([clause.word]) }
      if (!writtenAsAbbreviation(library, clause.word)) return [own]
      const meanings = glossary.byWord.get(clause.word.word) ?? []
      for (const m of meanings) expansions.push({ query: clause.word.written, also: m.expansion, volume: m.volume })
      return [own, ...meanings.map((m) => phraseClause(library, m.words.map((word) => asWord(library, word)), 1 / m.words.length))]
    }),
  )
  // Consecutive query words spelling out an expansion may also be its abbreviation.
  for (let g = 0; g < groups.length; g++) {
    const word = singleWord(parsed.required[g]!)
    for (const a of (word && glossary.byFirstWord.get(word.word)) || []) {
      const words = parsed.required.slice(g, g + a.words.length).map(singleWord)
      if (words.length !== a.words.length || words.some((w, k) => w?.word !== a.words[k])) continue
      const together: PlannedClause = {
        node: { op: 'and', nodes: groups.slice(g, g + a.words.length).map((grp) => grp[0]!.node) },
        terms: new Set(groups.slice(g, g + a.words.length).flatMap((grp) => [...grp[0]!.terms])),
        match: 'all',
        forms: a.words,
      }
      const abbreviation = asWord(library, a.word)
      groups.splice(g, a.words.length, [together, { ...wordNode(library, abbreviation, 'exact', a.words.length), match: 'any', forms: [a.word] }])
      expansions.push({ query: words.map((w) => w!.written).join(' '), also: a.written, volume: a.volume })
      break
    }
  }
  return { groups, expansions }
}

/** The one word of a group that is a plain word, if it is. */
function singleWord(group: readonly Clause[]): QueryWord | undefined {
  return group.length === 1 && group[0]!.type === 'word' && !group[0]!.word.prefix ? group[0]!.word : undefined
}

function asWord(library: Library, word: string): QueryWord {
  return { word, term: library.vocabulary.lookup(word)?.term ?? word, written: word, prefix: false }
}

/**
 * Words that must stand together. `weight` scales their terms: an expansion
 * of n words weighs 1/n a word, and an abbreviation standing for n words n,
 * so that neither outranks what was typed for the number of its words alone
 * (the score is multiplied by the number of distinct terms matched).
 */
function phraseClause(library: Library, words: readonly QueryWord[], weight = 1): PlannedClause {
  return {
    node: { op: 'and', nodes: words.map((w) => wordNode(library, w, 'exact', weight).node) },
    terms: new Set(words.map((w) => w.term)),
    match: 'all',
    phrase: words,
    forms: exactForms(words),
  }
}

/** The folded forms of words that can be held as written (a prefix cannot). */
function exactForms(words: readonly QueryWord[]): string[] {
  return words.some((w) => w.prefix) ? [] : words.map((w) => w.word)
}

/**
 * The tree for a plan: its groups combined with AND (all words) or OR (the
 * best partial matches), less the units of the excluded words.
 */
export function planTree(library: Library, plan: Plan, parsed: ParsedQuery, combineWith: 'and' | 'or'): QueryNode {
  const positive: QueryNode = { op: combineWith, nodes: plan.groups.map((group) => ({ op: 'or', nodes: group.map((c) => c.node) })) }
  const excluded = parsed.excluded.flatMap((c) => (c.type === 'word' ? [wordNode(library, c.word, 'exact').node] : []))
  return excluded.length === 0 ? positive : { op: 'and_not', nodes: [positive, { op: 'or', nodes: excluded }] }
}

/** Every term a plan asks for: the words a reader should see marked. */
export function plannedTerms(plan: Plan): Set<string> {
  return new Set(plan.groups.flat().flatMap((c) => [...c.terms]))
}

/**
 * One word: its term; when the corpus lacks that term (probably a typo), the
 * terms of the words one or two edits away; for `word*` or the last word of a
 * query still being typed, the terms of the words it begins. `exact` (phrase
 * and excluded words) matches the term alone, or its prefix when written so.
 * `weight` scales the word's own term.
 */
function wordNode(library: Library, w: QueryWord, use: 'loose' | 'typed' | 'exact', weight = 1): { node: QueryNode; terms: Set<string> } {
  const { vocabulary } = library
  const d = matchDefaults
  const weights = new Map<string, number>([[w.term, weight]])
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
