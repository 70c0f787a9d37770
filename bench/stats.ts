/** Small statistics for benchmark samples. */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5)
}

/** The q-quantile (0–1) by the nearest-rank method. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Known-item measures from the 1-based rank of each answer (0: not in the results). */
export function knownItem(ranks: readonly number[]) {
  const n = ranks.length
  return {
    hit1: ranks.filter((r) => r === 1).length / n,
    hit10: ranks.filter((r) => r >= 1 && r <= 10).length / n,
    mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
  }
}

/**
 * Passes over a query set before timing it: an isolate serves many requests, so the figures are its steady
 * state, once the JIT has compiled the query path (one pass left spikes of 10 to 40 ms in the next).
 */
export const WARM_PASSES = 2

/**
 * Timed passes of a scale corpus's query set in Node, for Folio and plain MiniSearch alike. A query's median over five
 * passes still caught the host's pauses: at 10 MB, on the same code and index, the worst kind's p99 read 4.81 to 7.85 ms in
 * five runs (and a kind's p50 rose by half in the run the host was busiest); over fifteen, 3.17 to 3.64 ms in five runs.
 */
export const TIMED_PASSES = 15

/**
 * Runs of one hostile query before it is timed: as many as each kind's path gets in its warm passes. A hostile shape takes
 * paths the kinds do not (a hundred terms, eight phrases), and two runs of it left it compiling: 32 prefixes at 10 MB took 60
 * ms on its first run, 8 to 29 on its next nineteen, about 7 from its twentieth and about 5 from its fiftieth.
 */
export const hostileWarmRuns = (kinds: Record<string, readonly string[]>): number => WARM_PASSES * Math.max(1, ...Object.values(kinds).map((l) => l.length))

/** Heap and array buffers in use, after collections when the process runs with `--expose-gc`. */
export async function heapBytes(): Promise<number> {
  // Buffers outlive their wrappers by a collection (their memory is freed by finalizers): collect, let them run, collect again.
  for (let round = 0; round < 2; round++) {
    globalThis.gc?.()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/**
 * Each query's median time over its passes (`runs[pass][query]`). These
 * machines are shared: a pure loop of 4 ms sometimes takes 25 ms when the
 * host takes the core away, and pooled over every run such pauses are the
 * p99. A query's median is its cost, which is what a Worker's CPU limit
 * counts; the percentiles are taken over queries.
 */
export function medianPerQuery(runs: readonly (readonly number[])[]): number[] {
  return (runs[0] ?? []).map((_, q) => median(runs.map((pass) => pass[q]!)))
}
