/**
 * The MiniSearch configuration shared by the build, which indexes with it, and
 * the worker, which loads the index with it. MiniSearch needs the same
 * options on both sides; keeping them here makes that true by construction.
 */
import type { Options } from 'minisearch'
import { termOf, words } from './text'

/** What the build hands MiniSearch for each unit: its position and its text. */
export interface IndexedUnit {
  /** Position of the unit in the units artifact; MiniSearch's document id. */
  i: number
  text: string
}

export const indexOptions: Options<IndexedUnit> = {
  fields: ['text'],
  idField: 'i',
  tokenize: words,
  processTerm: termOf,
}
