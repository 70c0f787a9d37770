/**
 * Completions for a search box: the last word being typed, completed from the
 * corpus vocabulary (most widespread words first), with the rest of the query
 * kept as typed.
 */
import type { Library } from '../library'
import { fold } from '../text'

export interface Suggestion {
  /** The whole query with its last word completed. */
  text: string
  /** The completed word, as the corpus usually writes it. */
  word: string
  /** How many units contain the word. */
  units: number
}

const LAST_WORD = /[\p{L}\p{M}\p{N}'’.]+$/u

export async function suggest(library: Library, q: string, limit: number): Promise<Suggestion[]> {
  const last = LAST_WORD.exec(q)
  if (!last) return []
  const before = q.slice(0, last.index)
  const prefix = fold(last[0])
  if (prefix === '') return []
  const words = await library.lexicon.startingWith(library.reader, prefix, limit)
  return words.map(({ word }) => ({ text: before + word.display, word: word.display, units: word.units }))
}
