import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { TopK } from '../../src/top'

describe('TopK', () => {
  it('keeps the k best by score, the earlier unit first on a tie, as a full sort would', () => {
    const rand = random(3)
    for (let round = 0; round < 50; round++) {
      const n = Math.floor(rand() * 300)
      const items = Array.from({ length: n }, (_, unit) => ({ unit, score: Math.floor(rand() * 20) }))
      const sorted = [...items].sort((a, b) => b.score - a.score || a.unit - b.unit)
      for (const k of [0, 1, 10, n + 5]) {
        const top = new TopK<(typeof items)[number]>(k, (a, b) => a.score > b.score || (a.score === b.score && a.unit < b.unit))
        for (const item of items) top.push(item)
        expect(top.sorted()).toEqual(sorted.slice(0, k))
        expect(top.worst).toEqual(k > 0 && n >= k ? sorted[k - 1] : undefined)
      }
    }
  })
})
