/// <reference path="../stopword.d.ts" />
/**
 * The query syntax users already know from web search:
 *
 * - `soviet radar`: every word required (partial matches only when nothing has them all)
 * - `"June 20"`: an exact phrase, checked on the words' positions in the index
 * - `-ABM`, `-"ABM Treaty"`: exclude a word or a phrase
 * - `SLCM OR ALCM`: either; OR binds tighter than the implied AND, so
 *   `treaty SLCM OR ALCM` is `treaty AND (SLCM OR ALCM)`
 * - `negot*`: any word starting so
 *
 * Brackets, hyphens, dashes and underscores part words as spaces do
 * (`Rusk-Shiina meetings` is three words, `DU_BLOCK_SIZE` three); a word that
 * splits otherwise (`INR/IL`) is read as a phrase, and as its words where no
 * unit holds the phrase (`keyedit:pref`, where the text names `pref` under
 * `keyedit`): {@link ParseOptions}.
 *
 * Common words (`the`, `what`, `about`) are left out of a query that has
 * others, as web search engines do: {@link COMMON_WORDS}.
 */
import { eng } from 'stopword'
import { tokenize } from '../text'

/**
 * Words a query holding others is searched without: `stopword`'s English list, and the negations, which a search of words does
 * not negate (so that `to be or not to be` is a query of common words alone). Every word being required, `What did Rusk say
 * about Okinawa reversion?` ranked first the units holding `what`, `did` and `about` beside some of the others, and the units
 * naming Rusk, Okinawa and reversion came after; headings of the editors' index such as `Japan Africa, desire to become involved
 * with` asked for `to` and `with` (docs/relevance.md). A word typed alone is left out, not one of an `OR`, a phrase, a prefix,
 * an exclusion or a compound (`asn1_get_tag_der`), nor one written in capitals (`WHO`, `IT`); a query of such words alone is
 * searched for them all.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([...eng, 'no', 'nor', 'not'])

/** One query word: as folded, and as the index term it matches. */
export interface QueryWord {
  word: string
  term: string
  /** As the user wrote it (`PriMin`). */
  written: string
  /** Written with a trailing `*`: match every word that starts with it. */
  prefix: boolean
}

/** A word, or a phrase whose words must stand together in this order. */
export type Clause =
  | { type: 'word'; word: QueryWord }
  | { type: 'phrase'; words: QueryWord[] }

export interface ParsedQuery {
  /** Every group must match; a group matches when any of its clauses does. */
  required: Clause[][]
  /** No hit may match any of these. */
  excluded: Clause[]
  /** Whether a required word that splits (`INR/IL`) was read as a phrase: parted, the query would ask for something else. */
  joined: boolean
  /** Common words left out ({@link COMMON_WORDS}), as written. */
  ignored: string[]
}

export interface ParseOptions {
  /**
   * Read a required word that splits (`keyedit:pref`) as its words, each required, not as a phrase: what a search asks when no
   * unit holds the phrase, as Elasticsearch reads such a word always. Excluded words stay phrases.
   */
  partJoined?: boolean
  /**
   * The words before one still being typed (`What about Okin`): their common words are left out even where no other word remains,
   * as the query will have the word being typed.
   */
  beforeTyped?: boolean
}

/** Raised for a query that cannot be searched; the message is shown to the user. */
export class QuerySyntaxError extends Error {}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g
/** A prefix shorter than this would expand to most of the vocabulary. */
export const MIN_PREFIX = 2

export function parseQuery(q: string, { partJoined = false, beforeTyped = false }: ParseOptions = {}): ParsedQuery {
  const required: Clause[][] = []
  const excluded: Clause[] = []
  let joinNext = false
  let joined = false
  /** Clauses of a token that splits (`asn1_get_tag_der`, `of/the` parted): never left out as common. */
  const compounds = new Set<Clause>()

  for (const m of q.replace(/[“”„]/g, '"').matchAll(TOKEN)) {
    const [, quotedMinus, quoted, bare] = m
    if (bare === 'OR') {
      joinNext = required.length > 0
      continue
    }
    const negated = quoted !== undefined ? quotedMinus === '-' : bare!.startsWith('-') && bare!.length > 1
    const text = quoted ?? (negated ? bare!.slice(1) : bare!)
    const parts = quoted !== undefined ? [text] : pieces(text, negated)
    for (const piece of parts) {
      const clause = toClause(piece, quoted !== undefined)
      if (!clause) continue
      const bareSplit = clause.type === 'phrase' && quoted === undefined && !negated
      joined ||= bareSplit
      for (const c of bareSplit && partJoined ? clause.words.map((word): Clause => ({ type: 'word', word })) : [clause]) {
        if (parts.length > 1 || bareSplit) compounds.add(c)
        if (negated) excluded.push(c)
        else if (joinNext) required[required.length - 1]!.push(c)
        else required.push([c])
        joinNext = false
      }
    }
  }
  if (required.length === 0) {
    throw new QuerySyntaxError(
      excluded.length > 0 ? 'the query only excludes words; add a word to search for' : 'the query has no words to search for',
    )
  }
  /** The word of a group that is one common word typed alone, not a prefix nor in capitals; none for any other group. */
  const commonWord = (group: readonly Clause[]): QueryWord | undefined => {
    const c = group.length === 1 && !compounds.has(group[0]!) ? group[0] : undefined
    return c?.type === 'word' && !c.word.prefix && COMMON_WORDS.has(c.word.word) && !/^\p{Lu}{2,}$/u.test(c.word.written) ? c.word : undefined
  }
  const common = required.map(commonWord)
  const kept = required.filter((_, i) => !common[i])
  if (kept.length === 0 && !beforeTyped) return { required, excluded, joined, ignored: [] }
  return { required: kept, excluded, joined, ignored: common.flatMap((w) => w?.written ?? []) }
}

/**
 * A bare token's words: brackets, hyphens, dashes and underscores part them
 * as a space does (`Rusk-Shiina`, `Johnson (Lyndon)-Sato`), as Elasticsearch's
 * and Meilisearch's tokenizers do for all but the underscore; what else splits
 * a token joins its words into a phrase (`INR/IL`). An excluded compound stays
 * whole: `-non-proliferation` excludes the phrase, not every unit holding `non`.
 *
 * Read as a phrase, an identifier (`asn1_get_tag_der`) found only the units
 * naming it, two or three, and never the units naming its kin
 * (`asn1_get_length_der`) that the same page of a manual documents. Its words
 * all required, the units naming it still hold every one of them and come
 * first, and its kin follow among the partial matches (docs/relevance.md).
 */
function pieces(text: string, excluded: boolean): string[] {
  return text.split(excluded ? /[()[\]{}]+/ : /[()[\]{}\-‐‑‒–—_]+/).filter((p) => p !== '')
}

function toClause(text: string, quoted: boolean): Clause | undefined {
  const prefix = !quoted && /\p{L}\*+$|\p{N}\*+$/u.test(text)
  const tokens = tokenize(text)
  if (tokens.length === 0) return undefined
  const words = tokens.map((t, i) => ({ word: t.word, term: t.term, written: text.slice(t.start, t.end), prefix: prefix && i === tokens.length - 1 }))
  // Alone or ending a phrase (`INR/I*`), a prefix of one letter would expand to a letter's words.
  const last = words.at(-1)!
  if (last.prefix && last.word.length < MIN_PREFIX) {
    throw new QuerySyntaxError(`a prefix needs at least ${MIN_PREFIX} characters before the *: ${text}`)
  }
  return words.length === 1 && !quoted ? { type: 'word', word: last } : { type: 'phrase', words }
}
