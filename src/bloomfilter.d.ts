/** The types of `bloomfilter` (Jason Davies), which ships none: the part Folio uses. */
declare module 'bloomfilter' {
  export class BloomFilter {
    /** `m` bits (rounded up to 32), or 32-bit buckets to load; `k` hashes. */
    constructor(m: number | ArrayLike<number>, k: number)
    readonly m: number
    readonly k: number
    /** The bits: set to stored ones, they are read in place (the constructor copies those it is given). */
    buckets: Uint32Array
    add(value: string): void
    test(value: string): boolean
    /** A filter sized for `n` values at false-positive rate `error`. */
    static withTargetError(n: number, error: number): BloomFilter
  }
}
