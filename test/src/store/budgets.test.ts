import { describe, expect, it } from 'vitest'
import { cacheBudgets, FULL_BUDGETS, type CacheBudgets } from '../../../src/store/budgets'

const MiB = 2 ** 20
const total = (b: CacheBudgets) => b.pages + b.skipTables + b.stored + b.shown

describe('cacheBudgets', () => {
  it('gives the caches their full budgets beside the resident file of a corpus of 1 GB', () => {
    expect(cacheBudgets(0.26 * MiB)).toEqual(FULL_BUDGETS)
    expect(cacheBudgets(14.6 * MiB)).toEqual(FULL_BUDGETS)
  })

  it('shrinks every cache by one share beside a larger resident file, so that the two together hold no more', () => {
    const at20 = cacheBudgets(20 * MiB)
    const at30 = cacheBudgets(30 * MiB)
    expect(total(at20)).toBeLessThan(total(FULL_BUDGETS))
    expect(total(at30)).toBeLessThan(total(at20))
    // Ten more megabytes of resident tables (twelve in heap) take about twelve from the caches.
    expect((total(at20) - total(at30)) / MiB).toBeCloseTo(12, 0)
    expect(at30.stored / at30.pages).toBeCloseTo(FULL_BUDGETS.stored / FULL_BUDGETS.pages, 5)
  })

  it('keeps an eighth of each budget however large the resident file', () => {
    expect(cacheBudgets(500 * MiB).stored).toBe(Math.floor(FULL_BUDGETS.stored / 8))
  })
})
