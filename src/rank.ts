/**
 * How a unit scores for a term: MiniSearch's BM25+ with its defaults, and
 * Folio's boosts by unit kind and document type. Shared by the build, which
 * stores each postings block's best possible score, and the worker, which
 * scores with the same arithmetic, so that a stored bound is never below a
 * score the worker computes.
 */
import { DOCUMENT_TYPES, UNIT_KINDS, type DocumentType, type UnitKind } from './model'

/** MiniSearch's BM25+ defaults. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const

/** Ranking options, documented where they are set. */
export const rankDefaults = {
  /** Score multiplier by kind: a title match outranks a paragraph's, a paragraph's a note's. */
  kindBoost: { title: 3, head: 1.5, paragraph: 1, footnote: 0.8 } satisfies Record<UnitKind, number>,
  /** Score multiplier by document type: front matter yields to the documents. */
  typeBoost: { document: 1, section: 0.5 } satisfies Record<DocumentType, number>,
  /**
   * How many of the best matches beyond the page asked for are reranked, so
   * that those holding more of the query's words as written weigh more
   * (`writtenBoost`): a passage with `memos` answers `James Thomson Memos`
   * before one with `memo`.
   */
  rerankDepth: 100,
  /**
   * How much more a match counts, in that reranking, for holding the query's words as written and not only by stem: its score is
   * multiplied by 1 + `writtenBoost` × the share of the query's words it holds so. A weight, not a tier (Elasticsearch's exact
   * sub-field beside the stemmed one, not Algolia's `exact` criterion): `Rogers` lists the unit naming Rogers before two naming
   * Roger that score up to half as much again, and `Rusk's visit to Tokyo` lists `Rusk visited Tokyo` before a note that says
   * `visit` about another visit and scores two thirds as much.
   */
  writtenBoost: 2,
} as const

/**
 * A unit's kind and its document's type in three bits, as postings carry
 * them: the worker needs both for every posting it scores or filters.
 */
export function unitCode(kind: UnitKind, type: DocumentType): number {
  return UNIT_KINDS.indexOf(kind) * 2 + DOCUMENT_TYPES.indexOf(type)
}

export function kindOfCode(code: number): UnitKind {
  return UNIT_KINDS[code >> 1]!
}

/** Each code's boost, as MiniSearch's `boostDocument` would give it. */
export const CODE_BOOST = Float64Array.from({ length: 8 }, (_, code) =>
  rankDefaults.kindBoost[UNIT_KINDS[code >> 1]!] * rankDefaults.typeBoost[DOCUMENT_TYPES[code & 1]!])

/** MiniSearch's inverse document frequency of a term in `matching` of `count` units. */
export function inverseFrequency(matching: number, count: number): number {
  return Math.log(1 + (count - matching + 0.5) / (matching + 0.5))
}

/** BM25+ of one term in one unit, as MiniSearch computes it (same operations, same order). */
export function bm25(idf: number, tf: number, length: number, averageLength: number): number {
  const { k, b, d } = BM25
  return idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / averageLength)))
}
