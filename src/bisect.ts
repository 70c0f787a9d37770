/** Searches in ascending arrays of numbers (units, block ends, page starts, positions). */

/**
 * The first position from `from` of ascending `sorted` (up to `to`) whose value is not below `value`:
 * galloping, for the next value is mostly near (a query's units in this block or the next).
 */
export function firstNotBelow(sorted: ArrayLike<number>, value: number, from = 0, to = sorted.length): number {
  let i = from
  if (i >= to || sorted[i]! >= value) return i
  let step = 1
  while (i + step < to && sorted[i + step]! < value) {
    i += step
    step *= 2
  }
  let hi = Math.min(to, i + step)
  i++
  while (i < hi) {
    const mid = (i + hi) >> 1
    if (sorted[mid]! < value) i = mid + 1
    else hi = mid
  }
  return i
}

/** The last position of ascending `sorted` (up to `to`) whose value is at most integer `value`; `from - 1` when none is. */
export function lastAtMost(sorted: ArrayLike<number>, value: number, from = 0, to = sorted.length): number {
  return firstNotBelow(sorted, value + 1, from, to) - 1
}
