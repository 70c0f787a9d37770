/**
 * How much each cache of an isolate may keep. An isolate holds the index's
 * resident tables, whose size grows with the corpus, and caches of fixed
 * budgets that a busy isolate fills; the caches give way to a large resident
 * file, so that the two together stay under the isolate's memory at any size.
 */

const MiB = 2 ** 20

/** Bytes each cache keeps, as it counts them (a kept entry's data and what V8 spends beside it). */
export interface CacheBudgets {
  /** Pages of the index and their decoded forms (src/store/cache.ts). */
  pages: number
  /** Skip tables kept decoded: every query of a word reads its table, tens of thousands of entries for a common word at 1 GB. */
  skipTables: number
  /**
   * Skip tables, blocks and positions kept as their stored bytes (the fetch of their page again), four to six times smaller
   * than decoded: a skip table is kept in one of the two at a time, and blocks and positions are decoded by each query that
   * reads them (src/postings.ts).
   */
  stored: number
  /** Hits shown, by unit (a hit needs a few hundred bytes of its 256 KB units page): the hits of some hundreds of queries. */
  shown: number
}

/** The budgets where the resident file leaves room for them: a 1 GB corpus's (14.6 MB) does. */
export const FULL_BUDGETS: CacheBudgets = { pages: 18 * MiB, skipTables: 12 * MiB, stored: 26 * MiB, shown: 4 * MiB }

/**
 * The heap an isolate gives the index when every cache is full: 5 MB under the 100 MB it may use, for a request's own work.
 * Measured on 2026-12-05 (bench/folio-node.ts's busy isolate, at 10 MB, 100 MB and 1 GB of prose), the heap held beside the
 * caches and the resident tables (code compiled, the lexicon's answers, tables derived on first use) was 10 to 15 MB at
 * every size, and the resident tables took 1.2 times their file's bytes (17.7 MB for the 14.6 MB file at 1 GB).
 */
const ISOLATE_BYTES = 95 * MiB
const OTHER_BYTES = 16 * MiB
const RESIDENT_IN_HEAP = 1.2
/** The least share of their budgets the caches keep, however large the resident file (the build refuses one past its target's). */
const LEAST_SHARE = 1 / 8

/** The caches' budgets beside a resident file of `residentBytes`: their full budgets, or the same shares of what it leaves. */
export function cacheBudgets(residentBytes: number): CacheBudgets {
  const full = FULL_BUDGETS.pages + FULL_BUDGETS.skipTables + FULL_BUDGETS.stored + FULL_BUDGETS.shown
  const room = ISOLATE_BYTES - OTHER_BYTES - RESIDENT_IN_HEAP * residentBytes
  const share = Math.min(1, Math.max(LEAST_SHARE, room / full))
  return {
    pages: Math.floor(FULL_BUDGETS.pages * share),
    skipTables: Math.floor(FULL_BUDGETS.skipTables * share),
    stored: Math.floor(FULL_BUDGETS.stored * share),
    shown: Math.floor(FULL_BUDGETS.shown * share),
  }
}
