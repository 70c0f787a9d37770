/**
 * The MiniSearch configuration the build indexes with. The worker does not
 * load MiniSearch: it searches the pack with src/evaluate.ts, which scores as
 * MiniSearch does (a test compares them on an index built with these options).
 * The tokenizer and term processing come from src/text.ts, which the worker
 * uses for queries, so the index is searched with the words that built it.
 */
import type { Options } from 'minisearch'
import { termOf, words } from '../src/text'

/** What the build hands MiniSearch for each unit: its position and its text. */
export interface IndexedUnit {
  /** Position of the unit in the corpus (and in the pack); MiniSearch's document id. */
  i: number
  text: string
}

export const indexOptions: Options<IndexedUnit> = {
  fields: ['text'],
  idField: 'i',
  tokenize: words,
  processTerm: termOf,
}
