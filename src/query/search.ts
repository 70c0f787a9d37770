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

  const ranges = (words: readonly QueryWord[]): Phrase => words.map((w) => library.vocabulary.positions(w.word, w.prefix))
  // Where a group has one clause and every group is required, the tree already
  // holds the clause's terms: only its phrase is left to check.
  const checks: Check[][] = plan.groups.map((g) => g.map((c) => ({
    terms: combineWith === 'and' && g.length === 1 ? undefined : [...c.terms],
    all: c.match === 'all',
    ...(c.phrase && { phrase: ranges(c.phrase) }),
  })))
  const excluded = excludedPhrases.map(ranges)
  const keep: number[] = []
  for (let k = 0; k < matches.docs.length; k++) {
    if (passes(library.forward, matches.docs[k]!, checks, combineWith, excluded, matches, k)) keep.push(k)
  }
  return { matches, keep }
}

/** A phrase as vocabulary ranges, one per word (a range of one, or every word a prefix begins). */
type Phrase = [from: number, to: number][]

/** What a clause asks of a match once the tree has found it: terms (unless the tree holds them already), a phrase. */
interface Check {
  terms?: string[]
  all: boolean
  phrase?: Phrase
}

// Plain loops and functions, not closures per match: this runs for every match of a phrase query.
function passes(forward: Forward, unit: number, checks: Check[][], combineWith: 'and' | 'or', excluded: Phrase[], matches: Matches, k: number): boolean {
  let matched: Set<string> | undefined
  let held = 0
  for (const group of checks) {
    let groupHolds = false
    for (const check of group) {
      if (check.terms) {
        matched ??= new Set(matchedTerms(matches, k))
        if (!termsHeld(matched, check.terms, check.all)) continue
      }
      if (check.phrase && !hasPhrase(forward, unit, check.phrase)) continue
      groupHolds = true
      break
    }
    if (groupHolds) held++
    else if (combineWith === 'and') return false
  }
  if (held === 0) return false
  for (const p of excluded) if (hasPhrase(forward, unit, p)) return false
  return true
}

function termsHeld(matched: Set<string>, terms: string[], all: boolean): boolean {
  for (const t of terms) if (matched.has(t) !== all) return !all
  return all
}

type Forward = Library['forward']

/** Whether a unit's words (from the forward index) hold the phrase's words together, in order. */
function hasPhrase({ start, words }: Forward, unit: number, phrase: Phrase): boolean {
  const [from, to] = phrase[0]!
  const last = start[unit + 1]! - phrase.length
  for (let i = start[unit]!; i <= last; i++) {
    const w = words[i]!
    if (w < from || w >= to) continue
    let k = 1
    while (k < phrase.length && words[i + k]! >= phrase[k]![0] && words[i + k]! < phrase[k]![1]) k++
    if (k === phrase.length) return true
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
    const { start, words } = library.forward
    const unit = words.subarray(start[matches.docs[k]!]!, start[matches.docs[k]! + 1]!)
    return [k, groups.filter((clauses) => clauses.some((forms) => forms.every((f) => unit.includes(f)))).length]
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
