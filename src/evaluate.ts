/**
 * Evaluates a query tree over the pack's postings and scores it exactly as
 * MiniSearch does (BM25+, its AND / OR / AND_NOT combination, its boosts, the
 * final multiplication by the number of distinct terms matched), with typed
 * arrays instead of a Map and an object per matching unit.
 *
 * Why not MiniSearch itself: its search materialises every match. A common
 * word of a 10 MB corpus matches 20,000 units, which costs MiniSearch about
 * 18 ms, beyond the 10 ms of CPU a Workers request may use on the Free plan;
 * these loops do the same arithmetic in a few. MiniSearch still builds the
 * index, and a test checks that ids and scores here equal MiniSearch's on
 * the same index.
 */

/** Postings as the pack holds them. */
export interface Postings {
  /** Index terms, sorted by code unit (`<`). */
  terms: readonly string[]
  /** Postings of term `t` are `docs[start[t]]` to `docs[start[t + 1] - 1]`, ascending. */
  start: Uint32Array
  docs: Uint32Array
  /** Term frequency of each posting. */
  freqs: Uint16Array
  /** Terms in each unit. */
  lengths: Uint16Array
  averageLength: number
}

/** A query: exact terms, each with a weight, combined as MiniSearch combines them. */
export type QueryNode =
  | { op: 'term'; term: string; boost: number }
  | { op: 'or' | 'and'; nodes: QueryNode[] }
  /** The first node's matches, less those of the others. */
  | { op: 'and_not'; nodes: QueryNode[] }

/** MiniSearch's BM25+ defaults. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const

/** Matches: units ascending, each with its score and the set of terms it matched (a bit mask over `terms`). */
export interface Matches {
  docs: Uint32Array
  scores: Float64Array
  /** `words` 32-bit words of mask per match. */
  masks: Uint32Array
  words: number
  /** The distinct terms of the query, indexed by mask bit. */
  terms: string[]
}

/** Position of `term` in sorted `terms`, or -1. */
export function findTerm(terms: readonly string[], term: string): number {
  let lo = 0
  let hi = terms.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const t = terms[mid]!
    if (t === term) return mid
    if (t < term) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

interface Partial {
  docs: Uint32Array
  scores: Float64Array
  masks: Uint32Array
}

/**
 * The units matching `node`, scored. `boost` is each unit's document boost
 * (MiniSearch's `boostDocument`, which Folio computes per unit, not per term).
 */
export function evaluate(p: Postings, node: QueryNode, boost: Float64Array): Matches {
  const terms: string[] = []
  collectTerms(node, terms)
  const words = Math.max(1, Math.ceil(terms.length / 32))
  const count = p.lengths.length

  function leaf(term: string, termBoost: number): Partial {
    const bit = terms.indexOf(term)
    const t = findTerm(p.terms, term)
    if (t < 0) return { docs: new Uint32Array(0), scores: new Float64Array(0), masks: new Uint32Array(0) }
    const from = p.start[t]!
    const to = p.start[t + 1]!
    const matching = to - from
    const docs = p.docs.subarray(from, to)
    const scores = new Float64Array(matching)
    const masks = new Uint32Array(matching * words)
    const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5))
    const { k, b, d } = BM25
    for (let i = 0; i < matching; i++) {
      const doc = docs[i]!
      const tf = p.freqs[from + i]!
      const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * p.lengths[doc]!) / p.averageLength)))
      // The order of MiniSearch's multiplication, for equal floating-point results.
      scores[i] = 1 * termBoost * 1 * boost[doc]! * raw
      masks[i * words + (bit >>> 5)] = 1 << (bit & 31)
    }
    return { docs, scores, masks }
  }

  function run(n: QueryNode): Partial {
    if (n.op === 'term') return leaf(n.term, n.boost)
    const parts = n.nodes.map(run)
    if (parts.length === 0) return { docs: new Uint32Array(0), scores: new Float64Array(0), masks: new Uint32Array(0) }
    if (n.op === 'or' && parts.length > 2) return union(parts, count, words)
    return parts.reduce((a, b) => combine(n.op, a, b, words))
  }

  const { docs, scores, masks } = run(node)
  // MiniSearch multiplies a match's score by the number of distinct query terms it matched.
  const final = new Float64Array(docs.length)
  for (let i = 0; i < docs.length; i++) {
    let quality = 0
    for (let w = 0; w < words; w++) quality += popcount(masks[i * words + w]!)
    final[i] = scores[i]! * (quality || 1)
  }
  return { docs, scores: final, masks, words, terms }
}

function collectTerms(n: QueryNode, into: string[]): void {
  if (n.op === 'term') {
    if (!into.includes(n.term)) into.push(n.term)
  } else for (const c of n.nodes) collectTerms(c, into)
}

/** Merges two sorted partial results as MiniSearch's combinators do. */
function combine(op: 'or' | 'and' | 'and_not', a: Partial, b: Partial, words: number): Partial {
  const size = op === 'or' ? a.docs.length + b.docs.length : a.docs.length
  const docs = new Uint32Array(size)
  const scores = new Float64Array(size)
  const masks = new Uint32Array(size * words)
  let i = 0
  let j = 0
  let n = 0
  const take = (from: Partial, k: number, extra?: { from: Partial; k: number }) => {
    docs[n] = from.docs[k]!
    scores[n] = extra ? from.scores[k]! + extra.from.scores[extra.k]! : from.scores[k]!
    for (let w = 0; w < words; w++) {
      masks[n * words + w] = from.masks[k * words + w]! | (extra ? extra.from.masks[extra.k * words + w]! : 0)
    }
    n++
  }
  while (i < a.docs.length && j < b.docs.length) {
    const x = a.docs[i]!
    const y = b.docs[j]!
    if (x === y) {
      if (op !== 'and_not') take(a, i, { from: b, k: j })
      i++
      j++
    } else if (x < y) {
      if (op !== 'and') take(a, i)
      i++
    } else {
      if (op === 'or') take(b, j)
      j++
    }
  }
  if (op !== 'and') for (; i < a.docs.length; i++) take(a, i)
  if (op === 'or') for (; j < b.docs.length; j++) take(b, j)
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n), masks: masks.subarray(0, n * words) }
}

/**
 * The OR of many partial results at once (a prefix's or a typo's dozens of
 * terms): scores summed into arrays over all units, in the order the pairwise
 * fold would add them, so the sums are the same to the bit.
 */
function union(parts: Partial[], count: number, words: number): Partial {
  const scores = new Float64Array(count)
  const masks = new Uint32Array(count * words)
  const seen = new Uint8Array(count)
  let size = 0
  for (const p of parts) {
    for (let i = 0; i < p.docs.length; i++) {
      const doc = p.docs[i]!
      if (!seen[doc]) {
        seen[doc] = 1
        size++
        scores[doc] = p.scores[i]!
      } else scores[doc] = scores[doc]! + p.scores[i]!
      for (let w = 0; w < words; w++) masks[doc * words + w]! |= p.masks[i * words + w]!
    }
  }
  const out: Partial = { docs: new Uint32Array(size), scores: new Float64Array(size), masks: new Uint32Array(size * words) }
  let n = 0
  for (let doc = 0; doc < count; doc++) {
    if (!seen[doc]) continue
    out.docs[n] = doc
    out.scores[n] = scores[doc]!
    for (let w = 0; w < words; w++) out.masks[n * words + w] = masks[doc * words + w]!
    n++
  }
  return out
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** The terms a match matched, from its mask. */
export function matchedTerms(m: Matches, i: number): string[] {
  const out: string[] = []
  for (let bit = 0; bit < m.terms.length; bit++) {
    if ((m.masks[i * m.words + (bit >>> 5)]! >>> (bit & 31)) & 1) out.push(m.terms[bit]!)
  }
  return out
}
