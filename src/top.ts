/**
 * The best `k` of a stream of items, without keeping them all: a bounded
 * heap whose root is the worst kept so far.
 */
export class TopK<T> {
  readonly #heap: T[] = []

  /** `before(a, b)`: a ranks before b. */
  constructor(
    readonly k: number,
    readonly before: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.#heap.length
  }

  get full(): boolean {
    return this.#heap.length >= this.k
  }

  /** The worst item kept (the one a newcomer must beat), when full. */
  get worst(): T | undefined {
    return this.full ? this.#heap[0] : undefined
  }

  /** Whether `item` would be kept. */
  admits(item: T): boolean {
    return this.k > 0 && (!this.full || this.before(item, this.#heap[0]!))
  }

  push(item: T): void {
    const heap = this.#heap
    if (!this.admits(item)) return
    if (!this.full) {
      heap.push(item)
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1
        if (!this.before(heap[p]!, heap[i]!)) break
        ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
        i = p
      }
      return
    }
    heap[0] = item
    for (let i = 0; ; ) {
      const l = 2 * i + 1
      let m = i
      if (l < heap.length && this.before(heap[m]!, heap[l]!)) m = l
      if (l + 1 < heap.length && this.before(heap[m]!, heap[l + 1]!)) m = l + 1
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }

  /** The items kept, best first. */
  sorted(): T[] {
    return [...this.#heap].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0))
  }
}
