/**
 * The best `k` of many scored matches, without sorting them all: a bounded
 * heap whose root is the worst kept so far. Higher score first; on a tie,
 * the earlier unit.
 */

/** The indices of the `k` best matches, best first. */
export function topK(indices: readonly number[], scores: Float64Array, docs: Uint32Array, k: number): number[] {
  // a ranks below b: lower score, or equal score and later unit.
  const below = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && docs[a]! > docs[b]!)
  const heap: number[] = []
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && below(heap[l]!, heap[m]!)) m = l
      if (r < heap.length && below(heap[r]!, heap[m]!)) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (const x of indices) {
    if (heap.length < k) {
      heap.push(x)
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1
        if (!below(heap[i]!, heap[p]!)) break
        ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
        i = p
      }
    } else if (k > 0 && below(heap[0]!, x)) {
      heap[0] = x
      down(0)
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0))
}
