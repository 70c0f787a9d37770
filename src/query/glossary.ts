/**
 * The abbreviations of the indexed volumes' lists, searched both ways:
 * `PriMin` is also searched as "Prime Minister", and `prime minister` also as
 * PriMin. The build puts them in the lexicon (src/format/lexicon.ts), so a
 * query reads them with its words.
 *
 * The lists hold abbreviations that are also English words (AID, MAP, POL)
 * and one-letter offices (E, G, L), so a query word is read as an
 * abbreviation only when written as one (two capitals or more) or when the
 * corpus itself usually writes it with capitals.
 */
import type { LexiconEntry } from '../format/lexicon'
import type { QueryWord } from './parse'

/** Whether a query word reads as an abbreviation: written with two capitals, or so written by the corpus (its lexicon entry says). */
export function writtenAsAbbreviation(w: QueryWord, entry: LexiconEntry | undefined): boolean {
  if (w.word.length < 2) return false
  if ((w.written.match(/\p{Lu}/gu)?.length ?? 0) >= 2) return true
  return entry?.word !== undefined && /\p{Lu}/u.test(entry.word.display)
}
