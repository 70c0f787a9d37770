/**
 * Turns a parsed query into the query tree the evaluator runs: each word
 * becomes its index term, plus the terms of the words it begins (`word*`, or
 * the last word while typing) and, for a word the corpus lacks, the terms of
 * the words one or two edits away. Abbreviations of the volumes' lists are
 * searched both ways (see glossary.ts). Phrases require their words, in
 * order; exclusions match exactly.
 *
 * The lexicon is read in rounds, each read at once: every word and term the
 * query names, with the completions of its prefixes; then, when needed, the
 * words of the abbreviations it names and the neighbours of typos. Then the
 * plan is built without further reads.
 */
import type { QueryNode } from '../query-tree'
import type { TermInfo } from '../format/lexicon'
import type { NearWords, WordEntry } from '../lexicon'
import type { Library } from '../library'
import { SkipPageCount, type PostingsSession } from '../postings'
import { stem } from '../text'
import { writtenAsAbbreviation } from './glossary'
import { QuerySyntaxError, type Clause, type ParsedQuery, type QueryWord } from './parse'

/** How words are matched, documented where they are set. */
export const matchDefaults = {
  /** Weight of a word found by prefix (relative to an exact match = 1). */
  prefixWeight: 0.4,
  /** Weight of a word found one or two edits away from a word the corpus lacks. */
  fuzzyWeight: 0.5,
  /** Prefix or fuzzy expansions per word: enough to help, few enough not to flood. */
  maxExpansions: 40,
  /** Expansions of the last word while it is typed (weighing less, they need not be as many). */
  typingExpansions: 10,
  /** A word shorter than this is never matched fuzzily. */
  minFuzzyLength: 5,
  /** Words this long or longer may be two edits away; shorter ones one. */
  twoEditsLength: 9,
  /** The last word of a query still being typed is also a prefix, from this length. */
  minTypingPrefix: 3,
  /**
   * An expansion whose words are in fewer than this share of its term's units is left out: its term would match mostly other
   * words. `withing`, a slip in the text that `within` begins, is indexed under `with` (in 706,583 units of the 1 GB corpus; itself in 2).
   */
  minExpansionShare: 0.01,
} as const

/** What one query may ask of the index, whatever its shape. */
export const queryLimits = {
  /** Words and phrases a query may hold (more is refused with a 400). */
  words: 32,
  /** Distinct terms a query's tree may hold (three words' expansions): past it, the remaining expansions are dropped (and the answer says so). */
  terms: 128,
  /** Expansions of all the query's words together: a query of many prefixes or typos shares them out. */
  expansions: 120,
  /**
   * Lexicon pages searched for the neighbours of all the query's typos together (at most 6 for one, a round of reads; at least
   * one); the pages likeliest to hold them first.
   */
  fuzzyPages: 12,
  /**
   * Postings pages the skip tables of a query's terms may span: expansions past it are dropped (and the answer says so), so that
   * reading the tables leaves a pass at least half of its pages (`searchLimits.pages`) for blocks. The query's own words are
   * never dropped. At 1 GB, the skip tables of 32 prefixes' 103 terms spanned 103 pages.
   */
  skipPages: 32,
} as const

/** What planning left out to stay within {@link queryLimits}. */
export type PlanCut = 'terms' | 'fuzzy'

/** One word of a phrase: the terms and variants it may stand for, and each variant as written (folded). */
export type PhraseWord = { term: string; variant: number; word: string }[]

/** One way a group can match, and what it asks the index for. */
export interface PlannedClause {
  node: QueryNode
  /** Terms whose match means this clause matched: any of them, or all. */
  terms: Set<string>
  match: 'any' | 'all'
  /** Words that must also stand together, in order. */
  phrase?: PhraseWord[]
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
  /** Phrases no match may hold. */
  excludedPhrases: PhraseWord[][]
  /** The excluded words' nodes. */
  excluded: QueryNode[]
  expansions: Expansion[]
  /** What the lexicon knows of every term the plan names (a term it lacks matches nothing). */
  terms: Map<string, TermInfo>
  /** Each word of the corpus the plan names: its term and its place among the term's variants. */
  words: Map<string, { term: string; variant: number }>
  cut: Set<PlanCut>
}

/** What the lexicon said of the query's words, read before planning. */
interface Lookups {
  entries: Map<string, Awaited<ReturnType<Library['lexicon']['lookup']>>>
  prefixes: Map<string, WordEntry[]>
  near: Map<string, NearWords>
}

/** The words and phrases a query holds, required or excluded: what {@link queryLimits}' `words` bounds. */
export function clausesOf(parsed: ParsedQuery): Clause[] {
  return [...parsed.required.flat(), ...parsed.excluded]
}

/** The plan of a query. `typing`: the query does not end with a space. */
export async function planQuery(library: Library, parsed: ParsedQuery, typing: boolean): Promise<Plan> {
  const clauses = clausesOf(parsed)
  if (clauses.length > queryLimits.words) {
    throw new QuerySyntaxError(`the query has ${clauses.length} words and phrases; the most a query may hold is ${queryLimits.words}`)
  }
  const last = parsed.required.at(-1)?.at(-1)
  const isTyped = (c: Clause) => typing && c === last && c.type === 'word' && c.word.word.length >= matchDefaults.minTypingPrefix
  const { lexicon, reader } = library
  const lookups: Lookups = { entries: new Map(), prefixes: new Map(), near: new Map() }
  // Keys the lexicon's filter proves absent are settled at once, without a read (before the first await).
  const lookUp = async (keys: Iterable<string>) => {
    const missing = [...keys].filter((k) => !lookups.entries.has(k))
    for (const key of missing) if (lexicon.lacks(key)) lookups.entries.set(key, undefined)
    const unread = missing.filter((k) => !lookups.entries.has(k))
    await lexicon.prefetch(reader, unread)
    for (const key of unread) lookups.entries.set(key, await lexicon.lookup(reader, key))
  }
  const plan: Plan = { groups: [], excludedPhrases: [], excluded: [], expansions: [], terms: new Map(), words: new Map(), cut: new Set() }
  const words = clauses.flatMap((c) => (c.type === 'word' ? [{ w: c.word, loose: parsed.excluded.includes(c) ? false : true, typed: isTyped(c) }] : c.words.map((w) => ({ w, loose: false, typed: false }))))

  // Each word that expands (a prefix, a typo) gets its share of the query's expansions.
  const expanding = words.filter(({ w, loose, typed }) => w.prefix || typed || (loose && !w.prefix && w.word.length >= matchDefaults.minFuzzyLength)).length
  const share = Math.max(2, Math.min(matchDefaults.maxExpansions, Math.floor(queryLimits.expansions / Math.max(1, expanding))))
  /** A word given fewer expansions than it would have had alone, and using them all, may have lost some. */
  const shared = (found: readonly unknown[]) => {
    if (share < matchDefaults.maxExpansions && found.length >= share) plan.cut.add('terms')
  }

  // Round one: every word and term the query names, and the completions of its prefixes, read at once.
  const reads: Promise<void>[] = [lookUp(words.flatMap(({ w }) => [w.word, w.term]))]
  for (const { w, typed } of words) {
    if ((w.prefix || typed) && !lookups.prefixes.has(w.word)) {
      lookups.prefixes.set(w.word, [])
      reads.push(lexicon.startingWith(reader, w.word, w.prefix ? share : Math.min(share, matchDefaults.typingExpansions)).then((found) => {
        shared(found)
        lookups.prefixes.set(w.word, found)
      }))
    }
  }
  // The neighbours of the words the corpus lacks, each word's sought once. The query's lexicon pages for them are shared out: at
  // most half of them for one word, at least one for each word they reach (past them, a word's neighbours are not sought, and
  // the answer says so). Returns the keys one edit from the words, known before any read.
  let fuzzyPages = queryLimits.fuzzyPages
  const seekNear = (words: readonly string[]): string[] => {
    const sought = words.filter((w) => !lookups.near.has(w))
    const reached = sought.slice(0, fuzzyPages)
    if (reached.length < sought.length) plan.cut.add('fuzzy')
    const each = Math.max(1, Math.min(queryLimits.fuzzyPages / 2, Math.floor(fuzzyPages / Math.max(1, reached.length))))
    fuzzyPages -= each * reached.length
    return reached.flatMap((word) => {
      lookups.near.set(word, { words: [], cut: false })
      const edits = word.length >= matchDefaults.twoEditsLength ? 2 : 1
      // Working out the keys one edit away takes about 0.16 ms a word: done for a cold request (its neighbours' postings are fetched
      // with its lexicon pages), and for a word not answered before, which reads lexicon pages and so makes its request cold by
      // the time those postings are fetched, though it may have fetched nothing yet.
      const keys = reader.cold || !lexicon.knowsNear(word, edits, share, each) ? lexicon.nearKeys(word, edits) : undefined
      reads.push(lexicon.near(reader, word, edits, share, each, keys).then((found) => {
        shared(found.words)
        lookups.near.set(word, found)
        if (found.cut) plan.cut.add('fuzzy')
      }))
      return keys ?? []
    })
  }
  const fuzzy = () => [...new Set(words.filter(({ w, loose }) => loose && lookups.entries.has(w.term) && needsFuzzy(w, lookups)).map(({ w }) => w.word))]
  // A word the filter proved absent is a typo known now: its neighbours are sought in this round.
  const neighbours = seekNear(fuzzy())
  // A cold query waits on the lexicon anyway: the postings its words start on come in the same round, in the room its last six
  // reads leave; then those of its typos' likely neighbours, then where a typo's own term would start (a neighbour two edits
  // off often starts there too). A term settled by now is one the filter proved absent.
  if (reader.cold) {
    const phrased = clauses.flatMap((c) => (c.type === 'phrase' ? c.words.map((w) => w.term) : []))
    const [absent, present] = partition(words.map(({ w }) => w.term), (t) => lookups.entries.has(t))
    library.postings.fetchStarts([...present, ...neighbours.map((k) => stem(k)), ...absent], phrased, reader.roomInRound)
  }
  await Promise.all(reads)

  // Round two, when needed: the words of the abbreviations the query may stand for, the neighbours of the other words the corpus lacks.
  reads.length = 0
  const glossaryWords = parsed.required.flat().flatMap((c) => {
    if (c.type !== 'word') return []
    const entry = lookups.entries.get(c.word.word)
    return [...(entry?.means ?? []).flatMap((m) => m.words), ...(entry?.begins ?? []).map((a) => a.word)]
  })
  if (glossaryWords.length > 0) reads.push(lookUp(glossaryWords))
  seekNear(fuzzy())
  await Promise.all(reads)

  const builder = new Builder(plan, lookups, library.postings)
  for (const { w } of words) builder.reserve(w)
  plan.groups = parsed.required.map((group) =>
    group.flatMap((clause): PlannedClause[] => {
      if (clause.type === 'phrase') return [builder.phrase(clause.words)]
      const own: PlannedClause = { ...builder.word(clause.word, isTyped(clause) ? 'typed' : 'loose'), match: 'any', forms: exactForms([clause.word]) }
      const entry = lookups.entries.get(clause.word.word)
      if (!writtenAsAbbreviation(clause.word, entry)) return [own]
      const meanings = entry?.means ?? []
      for (const m of meanings) plan.expansions.push({ query: clause.word.written, also: m.expansion, volume: m.volume })
      return [own, ...meanings.map((m) => builder.phrase(m.words.map((word) => builder.asWord(word)), 1 / m.words.length))]
    }),
  )
  spellOutAbbreviations(plan, parsed, lookups, builder)
  for (const c of parsed.excluded) {
    if (c.type === 'word') plan.excluded.push(builder.word(c.word, 'exact').node)
    else plan.excludedPhrases.push(builder.phraseWords(c.words))
  }
  return plan
}

/** The items that pass, and those that do not. */
function partition<T>(items: readonly T[], passes: (item: T) => boolean): [T[], T[]] {
  return [items.filter(passes), items.filter((item) => !passes(item))]
}

/** A word the corpus lacks (no term of it indexed), long enough to be looked for a few edits away. */
function needsFuzzy(w: QueryWord, lookups: Lookups): boolean {
  return !w.prefix && w.word.length >= matchDefaults.minFuzzyLength && !lookups.entries.get(w.term)?.term
}

/** Consecutive query words spelling out an expansion may also be its abbreviation. */
function spellOutAbbreviations(plan: Plan, parsed: ParsedQuery, lookups: Lookups, builder: Builder): void {
  const { groups } = plan
  for (let g = 0; g < groups.length; g++) {
    const word = singleWord(parsed.required[g]!)
    for (const a of (word && lookups.entries.get(word.word)?.begins) || []) {
      const words = parsed.required.slice(g, g + a.words.length).map(singleWord)
      if (words.length !== a.words.length || words.some((w, k) => w?.word !== a.words[k])) continue
      const together: PlannedClause = {
        node: { op: 'and', nodes: groups.slice(g, g + a.words.length).map((grp) => grp[0]!.node) },
        terms: new Set(groups.slice(g, g + a.words.length).flatMap((grp) => [...grp[0]!.terms])),
        match: 'all',
        forms: a.words,
      }
      const abbreviation = builder.asWord(a.word)
      groups.splice(g, a.words.length, [together, { ...builder.word(abbreviation, 'exact', a.words.length), match: 'any', forms: [a.word] }])
      plan.expansions.push({ query: words.map((w) => w!.written).join(' '), also: a.written, volume: a.volume })
      break
    }
  }
}

/** The one word of a group that is a plain word, if it is. */
function singleWord(group: readonly Clause[]): QueryWord | undefined {
  return group.length === 1 && group[0]!.type === 'word' && !group[0]!.word.prefix ? group[0]!.word : undefined
}

/** The folded forms of words that can be held as written (a prefix cannot). */
function exactForms(words: readonly QueryWord[]): string[] {
  return words.some((w) => w.prefix) ? [] : words.map((w) => w.word)
}

/** Builds the plan's nodes from what the lexicon said, recording every term and word it names. */
class Builder {
  /** The postings pages the skip tables of the terms recorded span. */
  readonly #skipPages: SkipPageCount

  constructor(
    readonly plan: Plan,
    readonly lookups: Lookups,
    postings: PostingsSession,
  ) {
    this.#skipPages = new SkipPageCount(postings, queryLimits.skipPages)
  }

  /** Counts the skip table of a query word's own term first: expansions of the words before it cannot take its room. */
  reserve(w: QueryWord): void {
    const term = this.#ownTerm(w)
    if (term) this.#skipPages.reserve(term)
  }

  /** Whether an expansion's term fits the query's terms and their skip tables' pages; when it does not, the answer says so. */
  #admits(entry: WordEntry, already: boolean): boolean {
    const term = entry.word.term
    if (already || this.plan.terms.has(term.term)) return true
    if (this.plan.terms.size >= queryLimits.terms || !this.#skipPages.admits(term)) {
      this.plan.cut.add('terms')
      return false
    }
    return true
  }

  /** A query word's own term, when the corpus has it: its word's, or (a word unseen as written) its stem's. */
  #ownTerm(w: QueryWord): TermInfo | undefined {
    return this.lookups.entries.get(w.word)?.word?.term ?? this.lookups.entries.get(w.term)?.term
  }

  /** A word of the corpus (or not) as a query word. */
  asWord(word: string): QueryWord {
    return { word, term: this.lookups.entries.get(word)?.word?.term.term ?? word, written: word, prefix: false }
  }

  #note(entry: WordEntry): string {
    const { term } = entry.word
    this.plan.terms.set(term.term, term)
    this.plan.words.set(entry.key, { term: term.term, variant: entry.word.variant })
    return term.term
  }

  /** Records the query word's own term and word; the term's name either way (it matches nothing when unknown). */
  #own(w: QueryWord): string {
    const entry = this.lookups.entries.get(w.word)
    if (entry?.word) return this.#note(entry as WordEntry)
    const term = this.#ownTerm(w)
    if (term) this.plan.terms.set(term.term, term)
    return w.term
  }

  /**
   * One word: its term; when the corpus lacks that term (probably a typo),
   * the terms of the words one or two edits away; for `word*` or the last
   * word of a query still being typed, the terms of the words it begins.
   * `exact` (phrase and excluded words) matches the term alone, or its prefix
   * when written so. `weight` scales the word's own term.
   */
  word(w: QueryWord, use: 'loose' | 'typed' | 'exact', weight = 1): { node: QueryNode; terms: Set<string> } {
    const d = matchDefaults
    const weights = new Map<string, number>([[this.#own(w), weight]])
    const add = (entries: readonly WordEntry[], weight: number) => {
      const units = new Map<string, number>()
      for (const e of entries) units.set(e.word.term.term, (units.get(e.word.term.term) ?? 0) + e.word.units)
      for (const e of entries) {
        const term = e.word.term.term
        if (units.get(term)! < d.minExpansionShare * e.word.term.df || !this.#admits(e, weights.has(term))) continue
        this.#note(e)
        weights.set(term, Math.max(weights.get(term) ?? 0, weight))
      }
    }
    if (use !== 'exact' && needsFuzzy(w, this.lookups)) add(this.lookups.near.get(w.word)?.words ?? [], d.fuzzyWeight)
    // `word*` asks for every completion alike; a word still being typed prefers itself.
    if (w.prefix || use === 'typed') add(this.lookups.prefixes.get(w.word) ?? [], w.prefix ? 1 : d.prefixWeight)
    // Every term found for the word counts as the word in the number of query terms a match holds.
    const nodes: QueryNode[] = [...weights].map(([term, boost]) => ({ op: 'term', term, boost, source: w.word }))
    return { node: nodes.length === 1 ? nodes[0]! : { op: 'or', nodes }, terms: new Set(weights.keys()) }
  }

  /**
   * Words that must stand together. `weight` scales their terms: an expansion
   * of n words weighs 1/n a word, and an abbreviation standing for n words n,
   * so that neither outranks what was typed for the number of its words alone
   * (the score is multiplied by the number of distinct terms matched).
   */
  phrase(words: readonly QueryWord[], weight = 1): PlannedClause {
    return {
      node: { op: 'and', nodes: words.map((w) => this.word(w, 'exact', weight).node) },
      terms: new Set(words.map((w) => w.term)),
      match: 'all',
      phrase: this.phraseWords(words),
      forms: exactForms(words),
    }
  }

  /** The terms and variants each word of a phrase may stand for. */
  phraseWords(words: readonly QueryWord[]): PhraseWord[] {
    return words.map((w) => {
      const entries = w.prefix
        ? (this.lookups.prefixes.get(w.word) ?? []).filter((e) => this.#admits(e, false))
        : [this.lookups.entries.get(w.word)].filter((e): e is WordEntry => e?.word !== undefined)
      return entries.map((e) => ({ term: this.#note(e), variant: e.word.variant, word: e.key }))
    })
  }
}

/**
 * The tree for a plan: its groups combined with AND (all words) or OR (the
 * best partial matches), less the units of the excluded words.
 */
export function planTree(plan: Plan, combineWith: 'and' | 'or'): QueryNode {
  const positive: QueryNode = { op: combineWith, nodes: plan.groups.map((group) => ({ op: 'or', nodes: group.map((c) => c.node) })) }
  return plan.excluded.length === 0 ? positive : { op: 'and_not', nodes: [positive, { op: 'or', nodes: plan.excluded }] }
}

/** Every term a plan asks for: the words a reader should see marked. */
export function plannedTerms(plan: Plan): Set<string> {
  return new Set(plan.groups.flat().flatMap((c) => [...c.terms]))
}
