import { describe, expect, it } from 'vitest'
import { bestOrder, fitWeights, FOLIO_WEIGHTS, poolNdcg, SIGNALS, weightedOrder, withoutSignals, type Pool } from '../../bench/ranking-ceiling'

/** A pool whose matches carry these values of one signal (the rest 0) and Folio's rank signal, in order. */
function pool(relevant: boolean[], every: boolean[], signal: { at: number; values: number[] }): Pool {
  const n = SIGNALS.length
  const signals = new Float64Array(relevant.length * n)
  relevant.forEach((_, i) => {
    signals[i * n + 3] = 1 / (1 + i)
    signals[i * n + signal.at] = signal.values[i]!
  })
  return { ideal: Math.min(10, relevant.filter(Boolean).length), relevant, every, signals }
}

describe('poolNdcg', () => {
  it('discounts relevant matches by rank against an ideal of the relevant units the corpus holds', () => {
    const p = pool([false, true], [true, true], { at: 0, values: [0, 0] })
    expect(poolNdcg(p, [1, 0])).toBe(1)
    expect(poolNdcg(p, [0, 1])).toBeCloseTo(1 / Math.log2(3))
    expect(poolNdcg({ ...p, ideal: 2 }, [1, 0])).toBeCloseTo(1 / (1 + 1 / Math.log2(3)))
  })
})

describe('bestOrder', () => {
  const p = pool([false, true, false, true], [true, true, false, false], { at: 0, values: [0, 0, 0, 0] })

  it('puts the relevant matches first, in Folio order among themselves', () => {
    expect(bestOrder(p, false)).toEqual([1, 3, 0, 2])
  })

  it('keeps the matches holding every word first when asked', () => {
    expect(bestOrder(pool([false, true, true], [true, false, true], { at: 0, values: [0, 0, 0] }), true)).toEqual([2, 0, 1])
  })
})

describe('weightedOrder', () => {
  it('ranks by the weighted signals, matches holding every word first', () => {
    const p = pool([true, true, true], [false, true, true], { at: 1, values: [9, 1, 2] })
    expect(weightedOrder(p, SIGNALS.map((_, s) => (s === 1 ? 1 : 0)))).toEqual([2, 1, 0])
  })

  it("keeps Folio's order with Folio's weights, and its first ten only", () => {
    const many = pool(Array(12).fill(false), Array(12).fill(true), { at: 0, values: Array(12).fill(0) })
    expect(weightedOrder(many, FOLIO_WEIGHTS)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})

describe('fitWeights', () => {
  it("finds the weight that puts the relevant matches first where Folio's order does not", () => {
    // Relevant matches lie among the others in Folio's order, neither first nor last; signal 7 marks them.
    const relevant = [false, false, true, false, true, false]
    const pools = [0, 1, 2].map(() => pool(relevant, Array(6).fill(false), { at: 7, values: relevant.map(Number) }))
    const folio = pools.reduce((sum, p) => sum + poolNdcg(p, weightedOrder(p, FOLIO_WEIGHTS)), 0) / pools.length
    const fit = fitWeights(pools, FOLIO_WEIGHTS)
    expect(folio).toBeLessThan(0.6)
    expect(fit.ndcg).toBe(1)
    expect(fit.weights[7]).toBeGreaterThan(0)
  })
})

describe('withoutSignals', () => {
  it('leaves a signal no say in the order', () => {
    const p = pool([true, true, true], [true, true, true], { at: 7, values: [0, 1, 2] })
    const weights = FOLIO_WEIGHTS.with(7, 10)
    expect(weightedOrder(p, weights)).toEqual([2, 1, 0])
    expect(weightedOrder(withoutSignals([p], [7])[0]!, weights)).toEqual([0, 1, 2])
  })
})
