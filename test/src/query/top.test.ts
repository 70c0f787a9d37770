import { describe, expect, it } from 'vitest'
import { random } from '../../../bench/corpus'
import { topK } from '../../../src/query/top'

describe('topK', () => {
  it('keeps the k best by score, the earlier unit first on a tie, as a full sort would', () => {
    const rand = random(3)
    for (let round = 0; round < 50; round++) {
      const n = Math.floor(rand() * 300)
      const scores = Float64Array.from({ length: n }, () => Math.floor(rand() * 20))
      const docs = Uint32Array.from({ length: n }, (_, i) => i)
      const all = [...docs.keys()]
      const sorted = [...all].sort((a, b) => scores[b]! - scores[a]! || a - b)
      for (const k of [0, 1, 10, n + 5]) expect(topK(all, scores, docs, k)).toEqual(sorted.slice(0, k))
    }
  })
})
