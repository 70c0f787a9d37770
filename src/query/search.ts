/**
 * Runs a query against the library: the evaluator finds and scores the units
 * (BM25+, boosted by kind and document type), phrases are checked on
 * positions, filters and facets are applied as matches stream in, the best
 * are kept, and the page of hits is built with snippets.
 *
 * Every query keeps to a budget, whatever its shape ({@link searchLimits}):
 * past it the answer holds the best of what was evaluated, `total` is a lower
 * bound (`total_relation: "gte"`) and `cut` says what was left.
 */
import type { SearchResponse as Answer } from '../api/schema'
import { evaluate, evaluatedWhole, type Budget, type Interval } from '../evaluate'
import { titleTier, type TermInfo } from '../format/lexicon'
import type { Library } from '../library'
import { DOCUMENT_TYPES } from '../model'
import { matchedTerms, type Form, type Matches } from '../query-tree'
import { kindOfCode, rankDefaults } from '../rank'
import { ROUND_PAGES } from '../store/reader'
import { TopK } from '../top'
import { documentCoverage } from './coverage'
import { FacetCounter, type Filters } from './filters'
import { toHits } from './hits'
import { parseQuery, type ParsedQuery } from './parse'
import { PhraseChecker, type Occurrences } from './phrases'
import { clausesOf, planQuery, planTree, queryLimits, type PhraseWord, type Plan, type PlanCut } from './plan'

/**
 * A front-matter section (the list of persons, of abbreviations) names much of the volume and is about none of it: as evidence
 * for its units it would put them above the documents on any query of names. Its units count the words they hold themselves.
 */
const SECTION = DOCUMENT_TYPES.indexOf('section')
/**
 * Words a query evaluates its titles first for, at most: each evaluation works out its stretches' bounds over every term's skip
 * table, and thirty common words doing it twice took 24 ms at 1 GB, not 9.
 */
const TITLE_TIER_WORDS = 4

/**
 * Words up to which a query of common words (each with a titles' list) lets its titles' pass spend its whole budget, its other
 * lists getting what is left. At 1 GB the titles of two-word queries hold 9,480 postings at the median, and half the budget
 * evaluated a stretch of them; the best matches of three words are mostly paragraphs (245 of the 400 hits of forty queries' top
 * tens), and the whole budget spent on titles cost them a quarter more CPU. Beside a rare word, a common one's titles are not
 * where the best matches are.
 */
const TITLES_ONLY_WORDS = 2

/**
 * Words up to which a query looks for its units with every word with the whole budget, not half of it. At scale that pass is where
 * the budget tells: at 1 GB, with half of it, 28 of 40 three-word queries showed units holding some of their words where units
 * holding all were left unread (16 with the whole budget). Past a few words a unit holding them all is rare, and looking longer
 * mostly spends the budget for nothing (the 32 prefixes of the hostile queries: 7.9 → 10.8 ms at 1 GB, the same answer).
 */
const WHOLE_BUDGET_WORDS = 4

/** What one search may spend. */
export interface SearchLimits {
  exhaustive: number
  postings: number
  pages: number
  phrasePositions: number
}

/** What one search may spend, documented where it is set. */
export const searchLimits: SearchLimits = {
  /** Postings up to which a query is evaluated whole, so that `total` and facets are exact. */
  exhaustive: 15_000,
  /**
   * Postings a query may decode for its units with every word, and for those with some when the first do not fill the page what
   * that left, a quarter at least; past {@link WHOLE_BUDGET_WORDS} words, half for each.
   */
  postings: 20_000,
  /**
   * Postings and positions pages, skip tables' included, a pass of a query may read (cached or not): a query holding some of its
   * words has two passes. Lexicon pages are bounded by the plan (`queryLimits`), units pages by the page of hits.
   */
  pages: 64,
  /**
   * Positions a query's phrases may read, a candidate's of one phrase word each: 1,500 candidates of a two-word phrase, 333 of
   * eight phrases over nine words (phrases of common words have tens of thousands of candidates).
   */
  phrasePositions: 3_000,
}

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

/** What a query's budget cut: expansions dropped, typo neighbours unsought, candidates unevaluated. */
export type Cut = PlanCut | 'postings' | 'pages' | 'phrases'

/** What a search answers; the route adds the time it took. */
export type SearchResponse = Omit<Answer, 'took_ms'>

/** A match kept for the page of hits. */
interface Kept {
  unit: number
  score: number
  /** `yyyymmdd` of its document, undated last. */
  date: number
  forms: number
  terms: string[]
  /** How many of the query's groups it holds. */
  matched: number
}

const UNDATED = 99_999_999

/** Searches; `limits` are the worker's own unless a test or a benchmark asks for others. */
export async function search(library: Library, request: SearchRequest, limits: SearchLimits = searchLimits): Promise<SearchResponse> {
  const parsed = parseQuery(request.q)
  const answer = await searchParsed(library, parsed, request, limits)
  if (answer.total > 0 || !parsed.joined) return answer
  // No unit holds a word that splits (`keyedit:pref`) as a phrase: its words are asked for, with what the budget has left, unless
  // they are more words than a query may hold.
  const parted = parseQuery(request.q, { partJoined: true })
  if (clausesOf(parted).length > queryLimits.words) return answer
  const { decoded, pages } = library.postings
  const left = { ...limits, postings: Math.max(0, limits.postings - decoded), pages: Math.max(0, limits.pages - pages.size) }
  return searchParsed(library, parted, request, left)
}

async function searchParsed(library: Library, parsed: ParsedQuery, request: SearchRequest, limits: SearchLimits): Promise<SearchResponse> {
  const plan = await planQuery(library, parsed, !/\s$/.test(request.q))
  const need = request.offset + request.limit
  // Units with every word rank first; when they do not fill the page, units with some of the words follow (Meilisearch's
  // `matchingStrategy: last`, Algolia's optional words). Each pass may check half the phrases' positions. Of a query of at most
  // WHOLE_BUDGET_WORDS words, the first pass may spend the whole budget's postings and the second what the first left, a quarter
  // at least; of a longer one, each pass half.
  const fallback = plan.groups.length > 1
  const few = plan.groups.length <= WHOLE_BUDGET_WORDS
  const half = { ...limits, postings: limits.postings / 2, phrasePositions: limits.phrasePositions / 2 }
  const first = fallback ? { ...half, ...(few && { postings: limits.postings }) } : limits
  const { decoded } = library.postings
  const groups = formGroups(plan)
  // Reranking by words held and words as written looks past the page asked for only where it can change the order.
  const depth = (combineWith: 'and' | 'or') => (request.sort !== 'date' && (combineWith === 'or' || groups.length > 0) ? rankDefaults.rerankDepth : 0)
  const every = await collect(library, plan, 'and', request, first, depth('and'))
  let found = every
  let ranked = request.sort === 'date' ? every.kept : byWordsHeld(groups, every.kept)
  if (fallback && every.kept.length < need) {
    const rest = few ? { ...half, postings: Math.max(limits.postings / 4, limits.postings - (library.postings.decoded - decoded)) } : half
    const some = await collect(library, plan, 'or', request, rest, depth('or'), new Set(every.kept.map((k) => k.unit)))
    if (some.kept.length > 0) {
      found = { ...some, complete: some.complete && every.complete, cut: [...new Set([...every.cut, ...some.cut])] }
      if (request.sort === 'date') ranked = [...ranked, ...some.kept]
      else {
        const docOf = (k: Kept) => library.documents.ofUnit(k.unit)
        const inSection = (k: Kept) => library.documents.type[docOf(k)] === SECTION
        const coverage = await documentCoverage(library, plan, some.kept.filter((k) => !inSection(k)).map(docOf), limits.postings)
        ranked = [...ranked, ...byWordsHeld(groups, some.kept, (k) => (inSection(k) ? k.matched : (coverage.get(docOf(k)) ?? 0)))]
      }
    }
  }
  const page = ranked.slice(request.offset, request.offset + request.limit)
  const facets = found.counter.facets()
  every.counter.release()
  found.counter.release()
  return {
    query: request.q,
    total: found.counter.total,
    total_relation: found.complete ? 'eq' : 'gte',
    offset: request.offset,
    limit: request.limit,
    full: every.counter.total,
    partial: found !== every,
    words: plan.groups.length,
    ignored: parsed.ignored,
    expansions: plan.expansions,
    cut: [...plan.cut, ...found.cut],
    facets,
    hits: await toHits(library, withoutPhraseTerms(plan, page), request.origin, plan.groups.flat().flatMap((c) => (c.phrase ? [c.phrase.map((w) => new Set(w.map((v) => v.word)))] : []))),
  }
}

/** What a clause asks of a match once the tree has found it: terms (unless the tree holds them already), a phrase. */
interface Check {
  /** Mask bits of the terms, any or all of which it needs. */
  terms?: number[]
  all: boolean
  phrase?: PhraseWord[]
}

/**
 * Evaluates the plan's tree, checks phrases, filters, counts and keeps the
 * best, and `rerank` more for the reranking. `shown`: units already ranked
 * (by the pass for every word), counted but not kept again.
 */
async function collect(library: Library, plan: Plan, combineWith: 'and' | 'or', request: SearchRequest, limits: SearchLimits, rerank: number, shown?: ReadonlySet<number>) {
  const root = planTree(plan, combineWith)
  const forms = formsOf(plan)
  const counter = new FacetCounter(library.documents, request.filters)
  const byDate = request.sort === 'date'
  const top = new TopK<Kept>(request.offset + request.limit + rerank, byDate
    ? (a, b) => a.date < b.date || (a.date === b.date && a.unit < b.unit)
    : (a, b) => a.score > b.score || (a.score === b.score && a.unit < b.unit))
  const phrases = new PhraseChecker(library.postings, plan, limits.phrasePositions)
  const cut = new Set<Cut>()
  const docs = library.documents

  // Without phrases the tree alone decides; with them, each candidate's clauses are checked again, phrases included.
  const phrasing = phrases.phrases.length > 0
  let checks: Check[][] | undefined
  // Evaluated in two tiers ({@link titleTiers}), titles first: the second leaves the titles the first evaluated.
  let tier: 'titles' | 'rest' | undefined
  let titlesDone = false
  const titlesSeen = new Set<number>()
  /** Takes a batch of matches of `lists` (the plan's, or the titles'), whose positions its phrases are checked on. */
  const consume = async (batch: Matches, lists: ReadonlyMap<string, TermInfo>): Promise<boolean> => {
    checks ??= plan.groups.map((g) => g.map((c) => ({
      // Where a group has one clause and every group is required, the tree already holds the clause's terms.
      ...(!(combineWith === 'and' && g.length === 1) && { terms: [...c.terms].map((t) => batch.terms.indexOf(t)) }),
      all: c.match === 'all',
      ...(c.phrase && { phrase: c.phrase }),
    })))
    let m = batch
    let more = true
    let needing: number[] = []
    if (phrasing) {
      // Only the candidates that may hold a phrase are checked, and counted.
      needing = phrases.candidates(m)
      const room = phrases.room()
      if (needing.length > room) {
        m = firstMatches(m, needing[room]!)
        needing = needing.slice(0, room)
        more = false
        cut.add('phrases')
      }
    }
    const occurrences = phrasing && m.units.length > 0 ? await phrases.occurrences(m, lists, needing) : undefined
    if (m.units.length === 0) return more
    let d = docs.ofUnit(m.units[0]!)
    for (let i = 0; i < m.units.length; i++) {
      const unit = m.units[i]!
      if (tier) {
        const title = kindOfCode(m.codes[i]!) === 'title'
        if (tier === 'titles' ? !title : title && (titlesDone || titlesSeen.has(unit))) continue
        if (tier === 'titles') titlesSeen.add(unit)
      }
      let matched = -1
      if (occurrences) {
        matched = groupsHeld(occurrences, checks, m, i)
        if (matched < (combineWith === 'and' ? checks.length : 1) || plan.excludedPhrases.some((p) => occurrences.holds(i, p))) continue
      }
      // The next document, or one far on (matches of a common word skip thousands of documents at a time).
      if (docs.first[d + 1]! <= unit) d = docs.first[d + 2]! > unit ? d + 1 : docs.ofUnit(unit, d + 2)
      if (!counter.add(m.codes[i]! >> 1, d)) continue
      const worst = top.worst
      const score = m.scores[i]!
      const date = docs.date[d] || UNDATED
      // Most matches cannot enter the page: tested before anything else is done or made for them.
      if (worst && (byDate ? date > worst.date || (date === worst.date && unit > worst.unit) : score < worst.score || (score === worst.score && unit > worst.unit))) continue
      if (shown?.has(unit)) continue
      if (matched < 0) matched = combineWith === 'and' ? checks.length : groupsHeld(undefined, checks, m, i)
      top.push({ unit, score, date, forms: m.forms[i]!, terms: matchedTerms(m, i), matched })
    }
    return more
  }
  const session = library.postings
  // Evaluated whole only when every candidate's phrases can be checked.
  const exhaustive = () => (phrasing ? Math.min(limits.exhaustive, phrases.room()) : limits.exhaustive)
  const run = (terms: ReadonlyMap<string, TermInfo>, budget: Budget, narrow: boolean) => evaluate(session, {
    root, terms, forms, units: library.size, averageLength: library.index.meta.averageLength,
  }, (batch) => consume(batch, terms), {
    budget,
    narrow,
    exhaustive: exhaustive(),
    ...(byDate && { priority: (i: Interval) => earliestDate(library, i) }),
    cutoff: () => {
      const worst = top.worst
      return worst === undefined ? Infinity : byDate ? worst.date : -worst.score
    },
    ...(!byDate && { threshold: () => top.worst?.score ?? -Infinity }),
    // A round's candidates' positions are fetched together (a failure shows when they are read), and with the blocks when they fit.
    ...(phrasing && {
      ahead: (m: Matches) => void phrases.fetchAhead(m, terms).catch(() => {}),
      positioned: new Set([...phrases.terms].map((t) => terms.get(t)?.term ?? t)),
    }),
  })
  let complete = true
  const spend = async (terms: ReadonlyMap<string, TermInfo>, budget: Budget, narrow = true) => {
    const evaluation = await run(terms, budget, narrow)
    if (evaluation.cut) cut.add(evaluation.cut)
    complete &&= evaluation.complete
  }
  // A tree evaluated whole is exact whatever the order: its titles need no pass of their own.
  const titles = byDate || evaluatedWhole({ root, terms: plan.terms }, exhaustive(), limits.postings) ? undefined : titleTiers(plan, limits.postings)
  if (titles) {
    // The titles' lists first, then every list with what is left. Where a query is one common word or two, its best matches are
    // mostly titles, and the titles' pass may spend the whole budget; of more words, or of a rare one, at most half.
    const [decoded, pages] = [session.decoded, session.pages.size]
    // Both passes' lists are fetched in the titles' round where they fit in it: the second pass then waits on no round of its own.
    session.fetchWhole([...titles.values(), ...plan.terms.values()], ROUND_PAGES)
    tier = 'titles'
    const share = plan.groups.length <= TITLES_ONLY_WORDS && allCommon(plan) ? 1 : 1 / 2
    // What the titles' pass leaves is the next pass's: it does not narrow (src/evaluate.ts).
    await spend(titles, { postings: limits.postings * share, pages: limits.pages * share }, false)
    titlesDone = complete
    tier = 'rest'
    await spend(plan.terms, { postings: limits.postings - (session.decoded - decoded), pages: limits.pages - (session.pages.size - pages) })
  } else await spend(plan.terms, { postings: limits.postings, pages: limits.pages })
  return { counter, kept: top.sorted(), complete, cut: [...cut] }
}

/**
 * The query's terms with their titles' lists in their place ({@link titleTier}), when it has some and its postings are more than its
 * budget reads: the budget then reads the titles, where a common word's best matches are, before it reads stretches of everything.
 * At most {@link TITLE_TIER_WORDS} words, and 32 terms: past them a posting costs more (src/evaluate.ts), and what was spent would not
 * be what the budget counts.
 */
function titleTiers({ terms, groups }: Plan, postings: number): Map<string, TermInfo> | undefined {
  if (groups.length > TITLE_TIER_WORDS || terms.size > 32) return undefined
  let total = 0
  let tiered = false
  const titles = new Map<string, TermInfo>()
  for (const [key, t] of terms) {
    const own = titleTier(t)
    if (own) tiered = true
    titles.set(key, own ?? t)
    total += t.df
  }
  return tiered && total > postings ? titles : undefined
}

/** Whether each of a query's words has a term whose titles have a list of their own: a common word. */
function allCommon({ terms, groups }: Plan): boolean {
  return groups.every((g) => g.some((c) => [...c.terms].some((key) => terms.get(key)?.titles !== undefined)))
}

/** The first `n` matches of a batch. */
function firstMatches(m: Matches, n: number): Matches {
  return {
    ...m, units: m.units.subarray(0, n), scores: m.scores.subarray(0, n), masks: m.masks.subarray(0, n * m.words),
    forms: m.forms.subarray(0, n), codes: m.codes.subarray(0, n),
  }
}

/** How many of the groups a match holds, its terms and (when there are any) its phrases checked. */
function groupsHeld(occurrences: Occurrences | undefined, checks: Check[][], m: Matches, i: number): number {
  let held = 0
  for (const group of checks) {
    if (group.some((c) => (!c.terms || termsHeld(m, i, c.terms, c.all)) && (!c.phrase || !occurrences || occurrences.holds(i, c.phrase)))) held++
  }
  return held
}

function termsHeld(m: Matches, i: number, bits: number[], all: boolean): boolean {
  for (const bit of bits) {
    const has = bit >= 0 && ((m.masks[i * m.words + (bit >>> 5)]! >>> (bit & 31)) & 1) === 1
    if (has !== all) return !all
  }
  return all
}

/** The words whose presence as written the reranking asks about, as the evaluator records them. */
function formsOf(plan: Plan): Form[] {
  const words = [...new Set(plan.groups.flat().flatMap((c) => c.forms))].filter((w) => plan.words.has(w)).slice(0, 32)
  return words.map((w) => plan.words.get(w)!)
}

/** Per group with words that can be held as written, per clause, the forms' bits (-1: a word the corpus lacks). */
function formGroups(plan: Plan): number[][][] {
  const forms = formsOf(plan)
  const bit = (w: string) => {
    const info = plan.words.get(w)
    const k = info ? forms.findIndex((f) => f.term === info.term && f.variant === info.variant) : -1
    return k < 0 ? -1 : (1 << k) >>> 0
  }
  return plan.groups
    .map((group) => group.filter((c) => c.forms.length > 0).map((c) => c.forms.map(bit)))
    .filter((clauses) => clauses.length > 0)
}

/**
 * The best matches reranked. Partial matches: those whose document holds
 * more of the query's groups (`inDocument`) first, then those holding more
 * of them themselves. Then by score, weighed by the share of groups that
 * match as written (not only by stem; a group matches as written when one of
 * its clauses has all its words: `groups` as {@link formGroups} gives them).
 */
function byWordsHeld(groups: number[][][], best: Kept[], inDocument: (k: Kept) => number = () => 0): Kept[] {
  const written = (k: Kept) => groups.filter((clauses) => clauses.some((bits) => bits.every((b) => b >= 0 && (k.forms & b) === b))).length
  const weighed = new Map(best.map((k) => [k, k.score * (1 + (rankDefaults.writtenBoost * written(k)) / Math.max(groups.length, 1))]))
  const context = new Map(best.map((k) => [k, inDocument(k)]))
  return [...best].sort((a, b) => context.get(b)! - context.get(a)! || b.matched - a.matched || weighed.get(b)! - weighed.get(a)! || a.unit - b.unit)
}

/** The matches without the terms that only phrases ask for: a phrase is marked where it stands, not word by word. */
function withoutPhraseTerms(plan: Plan, page: Kept[]): Kept[] {
  const clauses = plan.groups.flat()
  const loose = new Set(clauses.filter((c) => !c.phrase).flatMap((c) => [...c.terms]))
  const phrased = new Set(clauses.filter((c) => c.phrase).flatMap((c) => [...c.terms].filter((t) => !loose.has(t))))
  return phrased.size === 0 ? page : page.map((k) => ({ ...k, terms: k.terms.filter((t) => !phrased.has(t)) }))
}

/** The earliest date of the documents an interval's units belong to (undated last): the order `sort=date` evaluates in. */
function earliestDate(library: Library, interval: Interval): number {
  const docs = library.documents
  let earliest = UNDATED
  for (let d = docs.ofUnit(interval.from); d < docs.count && docs.first[d]! <= interval.to; d++) {
    const date = docs.date[d] || UNDATED
    if (date < earliest) earliest = date
  }
  return earliest
}
