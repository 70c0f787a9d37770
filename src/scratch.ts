/**
 * A typed array lent to synchronous code, and reused by the next call.
 *
 * Why: a query's fresh arrays of tens or hundreds of KB come from memory the
 * allocator has handed back to the system. In Node a repeated three-word
 * query at 10 MB ran at 3 ms for ten runs, then at 12 ms for the ten up to
 * the next scavenge, and so on: page faults. An array longer than `keep` is
 * made for the call and not kept, so that one large query does not hold its
 * memory for the isolate's life.
 */
export class Scratch<T extends Uint8Array | Uint32Array | Int32Array> {
  #array: T

  constructor(
    readonly make: (length: number) => T,
    readonly keep: number,
  ) {
    this.#array = make(0)
  }

  /** `length` zeroed entries, valid until the next call (no await may come between). */
  zeroed(length: number): T {
    if (length > this.keep) return this.make(length)
    if (this.#array.length < length) this.#array = this.make(Math.min(this.keep, Math.max(length, 2 * this.#array.length)))
    return this.#array.fill(0, 0, length) as T
  }
}
