/**
 * Runs a query against the library: the evaluator finds and scores the units
 * (BM25+, boosted by kind and document type), phrases and excluded phrases
 * are checked against the clean text, filters and facets are applied, and the
 * page of hits is built with snippets.
 */
import { evaluate, matchedTerms, type Matches } from '../evaluate'
import type { Library } from '../library'
import type { DocumentType, UnitKind } from '../model'
import { applyFilters, type Facets, type Filters } from './filters'
import { toHit, type Hit } from './hits'
import { parseQuery, type ParsedQuery, type QueryWord } from './parse'
import { planQuery, planTree, type Expansion, type Plan, type PlannedClause } from './plan'
import { topK } from './top'

/** What a search asks for; parameters already validated. */
export interface SearchRequest {
  q: string
  limit: number
  offset: number
  filters: Filters
  /** `relevance` (the default), or `date`: oldest document first, undated last. */
  sort: 'relevance' | 'date'
  /** Origin that hit URLs are made absolute against. */
  origin: string
}

export interface SearchResponse {
  query: string
  total: number
  offset: number
  limit: number
  /** True when no unit has every word and the hits are the best partial matches. */
  partial: boolean
  /** Abbreviations searched for their meaning too, or meanings for their abbreviation. */
  expansions: Expansion[]
  facets: Facets
  hits: Hit[]
}

/** Ranking options, documented where they are set. */
export const rankDefaults = {
  /** Score multiplier by kind: a title match outranks a paragraph's, a paragraph's a note's. */
  kindBoost: { title: 3, head: 1.5, paragraph: 1, footnote: 0.8 } satisfies Record<UnitKind, number>,
  /** Score multiplier by document type: front matter yields to the documents. */
  typeBoost: { document: 1, section: 0.5 } satisfies Record<DocumentType, number>,
  /**
   * How many of the best matches beyond the page asked for are reranked so
   * that those holding more of the query's words as written come first: a
   * passage with `memos` answers `James Thomson Memos` before one with `memo`.
   */
  rerankDepth: 100,
} as const

/** Each unit's boost, computed once per library. */
const boosts = new WeakMap<Library, Float64Array>()

function boostsOf(library: Library): Float64Array {
  let b = boosts.get(library)
  if (!b) {
    b = new Float64Array(library.size)
    for (let i = 0; i < b.length; i++) {
      b[i] = rankDefaults.kindBoost[library.kindOf(i)] * rankDefaults.typeBoost[library.documentOf(i).type]
    }
    boosts.set(library, b)
  }
  return b
}

export function search(library: Library, request: SearchRequest): SearchResponse {
  const parsed = parseQuery(request.q)
  const plan = planQuery(library, parsed, !/\s$/.test(request.q))
  let partial = false
  let found = run(library, plan, parsed, 'and')
  if (found.keep.length === 0 && plan.groups.length > 1) {
    found = run(library, plan, parsed, 'or')
    partial = found.keep.length > 0
  }
  const { matches } = found
  const positions = found.keep.map((k) => matches.docs[k]!)
  const { kept, facets } = applyFilters(library, positions, request.filters)
  const page = request.offset + request.limit
  const order = request.sort === 'date'
    ? byDate(library, kept.map((k) => found.keep[k]!), matches).slice(request.offset, page)
    : byExactForms(library, plan, matches, topK(kept.map((k) => found.keep[k]!), matches.scores, matches.docs, page + rankDefaults.rerankDepth))
      .slice(request.offset, page)
  return {
    query: request.q,
    total: kept.length,
    offset: request.offset,
    limit: request.limit,
    partial,
    expansions: plan.expansions,
    facets,
    hits: order.map((k) => toHit(library, matches.docs[k]!, matches.scores[k]!, new Set(matchedTerms(matches, k)), request.origin)),
  }
}

/** The matches of a plan, and which of them (indices) pass its phrases. */
function run(library: Library, plan: Plan, parsed: ParsedQuery, combineWith: 'and' | 'or'): { matches: Matches; keep: number[] } {
  const matches = evaluate(library.postings, planTree(library, plan, parsed, combineWith), boostsOf(library))
  const all = Array.from(matches.docs, (_, k) => k)
  const phrases = plan.groups.flat().some((c) => c.phrase)
  const excludedPhrases = parsed.excluded.flatMap((c) => (c.type === 'phrase' ? [c.words] : []))
  if (!phrases && excludedPhrases.length === 0) return { matches, keep: all }

  const ranges = new Map<readonly QueryWord[], Phrase>()
  const phrase = (words: readonly QueryWord[]) => {
    let p = ranges.get(words)
    if (!p) ranges.set(words, (p = words.map((w) => library.vocabulary.positions(w.word, w.prefix))))
    return p
  }
  const keep = all.filter((k) => {
    const words = library.words(matches.docs[k]!)
    const matched = new Set(matchedTerms(matches, k))
    const holds = (c: PlannedClause) =>
      (c.match === 'any' ? [...c.terms].some((t) => matched.has(t)) : [...c.terms].every((t) => matched.has(t))) &&
      (!c.phrase || hasPhrase(words, phrase(c.phrase)))
    const groupsHold = combineWith === 'and' ? plan.groups.every((g) => g.some(holds)) : plan.groups.some((g) => g.some(holds))
    return groupsHold && !excludedPhrases.some((p) => hasPhrase(words, phrase(p)))
  })
  return { matches, keep }
}

/** A phrase as vocabulary ranges, one per word (a range of one, or every word a prefix begins). */
type Phrase = [from: number, to: number][]

/** Whether a unit's words (vocabulary positions, in order) hold the phrase's words together, in order. */
function hasPhrase(words: ArrayLike<number>, phrase: Phrase): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) {
      const w = words[i + k]!
      if (w < phrase[k]![0] || w >= phrase[k]![1]) continue outer
    }
    return true
  }
  return false
}

/**
 * The best matches reranked: those in which more of the query's groups match
 * as written (not only by stem; read from the forward index) first, then by
 * score. A group matches as written when one of its clauses has all its words.
 */
function byExactForms(library: Library, plan: Plan, matches: Matches, best: number[]): number[] {
  const groups = plan.groups
    .map((group) => group.filter((c) => c.forms.length > 0).map((c) => c.forms.map((w) => {
      const [from, to] = library.vocabulary.positions(w, false)
      return from < to ? from : -1 // a word the corpus lacks is held nowhere
    })))
    .filter((clauses) => clauses.length > 0)
  if (groups.length < 2) return best
  const held = new Map(best.map((k) => {
    const words = library.words(matches.docs[k]!)
    return [k, groups.filter((clauses) => clauses.some((forms) => forms.every((f) => words.includes(f)))).length]
  }))
  return best.sort((a, b) => held.get(b)! - held.get(a)! || matches.scores[b]! - matches.scores[a]! || matches.docs[a]! - matches.docs[b]!)
}

/** Oldest document first, undated documents last; within a document, reading order. */
function byDate(library: Library, indices: number[], matches: Matches): number[] {
  const key = (k: number) => library.documentOf(matches.docs[k]!).date ?? '\uffff'
  return indices.sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    return x < y ? -1 : x > y ? 1 : matches.docs[a]! - matches.docs[b]!
  })
}
