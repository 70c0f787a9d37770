/**
 * Runs a parsed query against the library: MiniSearch finds and ranks the
 * units (BM25, boosted by kind), phrases and excluded phrases are checked
 * against the clean text, filters and facets are applied, and the page of
 * hits is built with snippets.
 */
import type { Query, SearchResult } from 'minisearch'
import type { Library } from '../library'
import { anchorOf, pageAt, type DocumentType, type Page, type Unit, type UnitKind } from '../model'
import { buildSnippet, snippetHtml, type Span } from '../snippet'
import { tokenize, type Token } from '../text'
import { applyFilters, type Facets, type Filters } from './filters'
import { parseQuery, type Clause, type ParsedQuery, type QueryWord } from './parse'

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

/** A unit linked from a hit: a note it cites, or a unit that cites it. */
export interface LinkedUnit {
  id: string
  kind: UnitKind
  n: number
  label?: string
  text: string
  url: string
}

export interface Hit {
  id: string
  doc: string
  kind: UnitKind
  n: number
  label?: string
  /** The document's title, number, date, chapter and volume. */
  title: string
  number?: string
  date?: string
  chapter?: string
  volume?: string
  /** The page where the best match is. */
  page: Page | null
  pages: Page[]
  score: number
  /** HTML: text escaped, matched words in `<mark>`. */
  snippet: string
  snippet_text: string
  highlights: Span[]
  /** Notes this unit cites; for a footnote, the units that cite it. */
  notes: LinkedUnit[]
  url: string
}

export interface SearchResponse {
  query: string
  total: number
  offset: number
  limit: number
  /** True when no unit has every word and the hits are the best partial matches. */
  partial: boolean
  facets: Facets
  hits: Hit[]
}

/**
 * Ranking options, documented where they are set.
 */
export const searchDefaults = {
  /** Score multiplier by kind: a title match outranks a paragraph's, a paragraph's a note's. */
  kindBoost: { title: 3, head: 1.5, paragraph: 1, footnote: 0.8 } satisfies Record<UnitKind, number>,
  /** Score multiplier by document type: front matter yields to the documents. */
  typeBoost: { document: 1, section: 0.5 } satisfies Record<DocumentType, number>,
  /** Weight of a word found by prefix (relative to an exact match = 1). */
  prefixWeight: 0.4,
  /** Weight of a word found one or two edits away from a word the corpus lacks. */
  fuzzyWeight: 0.5,
  /** Prefix expansions per word: enough to help, few enough not to flood. */
  maxExpansions: 40,
  /** A word shorter than this is never matched fuzzily. */
  minFuzzyLength: 5,
  /** Words this long or longer may be two edits away; shorter ones one. */
  twoEditsLength: 9,
  /** The last word of a query still being typed is also a prefix, from this length. */
  minTypingPrefix: 3,
} as const

/** A clause with the index terms MiniSearch is asked for. */
interface PlannedClause {
  clause: Clause
  query: Query
  /** Query terms whose match means this clause matched (word clauses). */
  terms: Set<string>
}

export function search(library: Library, request: SearchRequest): SearchResponse {
  const parsed = parseQuery(request.q)
  const typing = !/\s$/.test(request.q)
  const plan = planQuery(library, parsed, typing)
  let partial = false
  let results = runPlan(library, plan, parsed, 'AND')
  if (results.length === 0 && plan.length > 1) {
    results = runPlan(library, plan, parsed, 'OR')
    partial = results.length > 0
  }

  const { kept, facets } = applyFilters(library, results, request.filters)
  if (request.sort === 'date') sortByDate(library, kept)
  return {
    query: request.q,
    total: kept.length,
    offset: request.offset,
    limit: request.limit,
    partial,
    facets,
    hits: kept.slice(request.offset, request.offset + request.limit).map((r) => toHit(library, r, request.origin)),
  }
}

/** Oldest document first, undated documents last; within a document, reading order. */
function sortByDate(library: Library, results: SearchResult[]): void {
  const key = (r: SearchResult) => library.documentOf(r.id as number).date ?? '\uffff'
  results.sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    return x < y ? -1 : x > y ? 1 : (a.id as number) - (b.id as number)
  })
}

function planQuery(library: Library, parsed: ParsedQuery, typing: boolean): PlannedClause[][] {
  const last = parsed.required.at(-1)?.at(-1)
  return parsed.required.map((group) =>
    group.map((clause) => {
      if (clause.type === 'phrase') {
        const terms = new Set(clause.words.map((w) => w.term))
        return { clause, terms, query: { combineWith: 'AND', queries: clause.words.map((w) => wordQuery(library, w, 'exact').query) } }
      }
      const typed = typing && clause === last && clause.word.word.length >= searchDefaults.minTypingPrefix
      return { clause, ...wordQuery(library, clause.word, typed ? 'typed' : 'loose') }
    }),
  )
}

/**
 * The MiniSearch query for one word: its term; when the corpus lacks that
 * term (probably a typo), the terms of the words one or two edits away; and,
 * for `word*` or the last word of a query still being typed, the terms of the
 * words it begins. `exact` (phrase and excluded words) matches the term alone.
 */
function wordQuery(library: Library, w: QueryWord, use: 'loose' | 'typed' | 'exact'): { query: Query; terms: Set<string> } {
  const { vocabulary } = library
  const alternatives: { terms: string[]; weight: number }[] = [{ terms: [w.term], weight: 1 }]
  if (use !== 'exact' && !w.prefix && w.word.length >= searchDefaults.minFuzzyLength && !vocabulary.hasTerm(w.term)) {
    const edits = w.word.length >= searchDefaults.twoEditsLength ? 2 : 1
    const near = vocabulary.near(w.word, edits, searchDefaults.maxExpansions).map((e) => e.term)
    alternatives.push({ terms: near, weight: searchDefaults.fuzzyWeight })
  }
  if (w.prefix || use === 'typed') {
    const completions = vocabulary.startingWith(w.word, searchDefaults.maxExpansions).map((e) => e.term)
    // `word*` asks for every completion alike; a word still being typed prefers itself.
    alternatives.push({ terms: completions, weight: w.prefix ? 1 : searchDefaults.prefixWeight })
  }

  const weights = new Map<string, number>()
  for (const { terms, weight } of alternatives) {
    for (const t of terms) weights.set(t, Math.max(weights.get(t) ?? 0, weight))
  }
  const query: Query = {
    queries: [...weights.keys()], combineWith: 'OR', tokenize: single, processTerm: same,
    boostTerm: (t: string) => weights.get(t) ?? 1,
  }
  return { query, terms: new Set(weights.keys()) }
}

const single = (t: string) => [t]
const same = (t: string) => t

function runPlan(library: Library, plan: PlannedClause[][], parsed: ParsedQuery, combineWith: 'AND' | 'OR'): SearchResult[] {
  const positive: Query = {
    combineWith,
    queries: plan.map((group) => ({ combineWith: 'OR', queries: group.map((c) => c.query) })),
  }
  const excludedWords = parsed.excluded.flatMap((c) => (c.type === 'word' ? [c.word] : []))
  const query: Query = excludedWords.length === 0 ? positive : {
    combineWith: 'AND_NOT',
    queries: [positive, { combineWith: 'OR', queries: excludedWords.map((w) => wordQuery(library, w, 'exact').query) }],
  }
  const { kindBoost, typeBoost } = searchDefaults
  const boostDocument = (id: number) => kindBoost[library.kindOf(id)] * typeBoost[library.documentOf(id).type]
  const results = library.index.search(query, { boostDocument })

  const phrases = plan.flat().some((c) => c.clause.type === 'phrase')
  const excludedPhrases = parsed.excluded.filter((c) => c.type === 'phrase')
  if (!phrases && excludedPhrases.length === 0) return results

  return results.filter((r) => {
    let tokens: Token[] | undefined
    const words = () => (tokens ??= tokenize(library.text(r.id as number)))
    const matched = new Set(r.queryTerms)
    const matches = (c: PlannedClause) =>
      c.clause.type === 'word'
        ? [...c.terms].some((t) => matched.has(t))
        : [...c.terms].every((t) => matched.has(t)) && hasPhrase(words(), c.clause.words)
    const groupsOk = combineWith === 'AND' ? plan.every((g) => g.some(matches)) : plan.some((g) => g.some(matches))
    return groupsOk && !excludedPhrases.some((p) => p.type === 'phrase' && hasPhrase(words(), p.words))
  })
}

/** Whether the words stand together, in order, in the tokens (a last word with `*` as a prefix). */
export function hasPhrase(tokens: readonly Token[], words: readonly QueryWord[]): boolean {
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!
      const t = tokens[i + k]!.word
      if (w.prefix ? !t.startsWith(w.word) : t !== w.word) continue outer
    }
    return true
  }
  return false
}

function toHit(library: Library, r: SearchResult, origin: string): Hit {
  const unit = library.unit(r.id as number)
  const doc = library.documentOf(r.id as number)
  const matchedTerms = new Set(r.terms)
  const spans: Span[] = tokenize(unit.text)
    .filter((t) => matchedTerms.has(t.term))
    .map((t) => [t.start, t.end] as const)
  const snippet = buildSnippet(unit.text, spans)
  return {
    id: unit.id,
    doc: unit.doc,
    kind: unit.kind,
    n: unit.n,
    ...(unit.label !== undefined && { label: unit.label }),
    title: doc.title,
    ...(doc.number !== undefined && { number: doc.number }),
    ...(doc.date !== undefined && { date: doc.date }),
    ...(doc.chapter !== undefined && { chapter: doc.chapter }),
    ...(doc.volume !== undefined && { volume: doc.volume }),
    page: pageAt(unit.pages, snippet.focus) ?? null,
    pages: pagesOf(unit),
    score: Math.round(r.score * 1000) / 1000,
    snippet: snippetHtml(snippet),
    snippet_text: snippet.text,
    highlights: snippet.highlights,
    notes: linkedUnits(library, unit, origin),
    url: unitUrl(origin, unit),
  }
}

/** The distinct pages a unit spans, in order. */
export function pagesOf(unit: Unit): Page[] {
  return [...new Set(unit.pages.map((p) => p.page))]
}

/** The stable link to a unit: its place on the document's reading page. */
export function unitUrl(origin: string, unit: Pick<Unit, 'doc' | 'kind' | 'n'>): string {
  return `${origin}/read/${encodeURIComponent(unit.doc)}#${anchorOf(unit.kind, unit.n)}`
}

/** The notes a unit cites, or for a note the units citing it, each with its text. */
export function linkedUnits(library: Library, unit: Unit, origin: string): LinkedUnit[] {
  const ids = unit.kind === 'footnote' ? (unit.citedBy ?? []) : [...new Set(unit.cites.map((c) => c.note))]
  return ids.flatMap((id) => {
    const position = library.unitPosition(id)
    if (position === undefined) return []
    const linked = library.unit(position)
    return [{
      id: linked.id,
      kind: linked.kind,
      n: linked.n,
      ...(linked.label !== undefined && { label: linked.label }),
      text: linked.text,
      url: unitUrl(origin, linked),
    }]
  })
}
