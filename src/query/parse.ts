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
 */
import { tokenize } from '../text'

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
}

export interface ParseOptions {
  /**
   * Read a required word that splits (`keyedit:pref`) as its words, each required, not as a phrase: what a search asks when no
   * unit holds the phrase, as Elasticsearch reads such a word always. Excluded words stay phrases.
   */
  partJoined?: boolean
}

/** Raised for a query that cannot be searched; the message is shown to the user. */
export class QuerySyntaxError extends Error {}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g
/** A prefix shorter than this would expand to most of the vocabulary. */
export const MIN_PREFIX = 2

export function parseQuery(q: string, { partJoined = false }: ParseOptions = {}): ParsedQuery {
  const required: Clause[][] = []
  const excluded: Clause[] = []
  let joinNext = false
  let joined = false

  for (const m of q.replace(/[“”„]/g, '"').matchAll(TOKEN)) {
    const [, quotedMinus, quoted, bare] = m
    if (bare === 'OR') {
      joinNext = required.length > 0
      continue
    }
    const negated = quoted !== undefined ? quotedMinus === '-' : bare!.startsWith('-') && bare!.length > 1
    const text = quoted ?? (negated ? bare!.slice(1) : bare!)
    for (const piece of quoted !== undefined ? [text] : pieces(text, negated)) {
      const clause = toClause(piece, quoted !== undefined)
      if (!clause) continue
      const bareSplit = clause.type === 'phrase' && quoted === undefined && !negated
      joined ||= bareSplit
      for (const c of bareSplit && partJoined ? clause.words.map((word): Clause => ({ type: 'word', word })) : [clause]) {
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
  return { required, excluded, joined }
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
