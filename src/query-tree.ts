/**
 * A query tree run over its terms' postings as MiniSearch runs a query: each
 * leaf's postings scored (BM25+, the term's boost, the unit's kind), combined
 * by AND, OR and AND_NOT as its combinators combine them, each match's score
 * then multiplied by the number of the query's words it matched; and the best
 * score a unit can reach given each term's best, which pruning reads.
 */
import { firstNotBelow } from './bisect'
import type { TermInfo } from './format/lexicon'
import { variantBit, type Block } from './format/postings'
import { mergeAscending } from './merge'
import { bm25, CODE_BOOST, inverseFrequency } from './rank'
import { Scratch } from './scratch'
import type { TermPostings } from './term-postings'

/**
 * A query: exact terms, each with a weight, combined as MiniSearch combines
 * them. A term's `source` is the query word it stands for (default: the term
 * itself): the terms of one source count once in the number of query terms a
 * match holds, as MiniSearch counts a prefix's or a typo's words as the word
 * that was typed.
 */
export type QueryNode =
  | { op: 'term'; term: string; boost: number; source?: string }
  | { op: 'or' | 'and'; nodes: QueryNode[] }
  /** The first node's matches, less those of the others. */
  | { op: 'and_not'; nodes: QueryNode[] }

/** A word as written whose presence each match records (for ranking units that hold the query's words as typed). */
export interface Form {
  term: string
  /** The word's place among its term's variants. */
  variant: number
}

/** Matches of one stretch of units, ascending. */
export interface Matches {
  units: Uint32Array
  scores: Float64Array
  /** `words` 32-bit words per match: the terms it matched, as bits over `terms`. */
  masks: Uint32Array
  words: number
  /** Per match, bits over the forms it holds as written (the first 32 forms). */
  forms: Uint32Array
  /** Per match, its unit's kind and document type (src/rank.ts). */
  codes: Uint8Array
  /** The distinct terms of the query, as the mask bits number them. */
  terms: readonly string[]
}

/** A query tree, and what scoring it needs. */
export interface EvaluationInput {
  root: QueryNode
  /** What the lexicon knows of each term; a term it lacks matches nothing. */
  terms: ReadonlyMap<string, TermInfo>
  forms: readonly Form[]
  /** Units in the index, and their average length: the statistics scores are computed with. */
  units: number
  averageLength: number
}

/** Bounds are stored as f32 and summed in another order than scores: a little slack keeps them above. */
const SLACK = 1 + 2 ** -20
/** A term's bound where it cannot occur. */
export const ABSENT = -1
/** union's map of a range of units: an array it works in and does not return. */
const places = new Scratch((n) => new Int32Array(n), 1 << 18)

/** Partial results of a subtree: units ascending, with scores, term masks, sources matched, forms held and codes. */
interface Partial {
  units: Uint32Array
  scores: Float64Array
  masks: Uint32Array
  /** The sources matched, a bit each (the 32nd and later share the last). */
  sources: Uint32Array
  forms: Uint32Array
  codes: Uint8Array
}

/** The tree's leaves turned into scored partial results, and the tree run over them. */
export class Leaves {
  /** The tree, compiled for bounds. */
  readonly program: BoundProgram
  /** Each term's place in `terms` (its mask bit). */
  readonly #bit: Map<string, number>
  readonly #idf: number[]
  /** Per term, the forms it holds: [variant bit, form bit]. */
  readonly #forms: [number, number][][]
  /**
   * Per leaf of the tree, its slot: leaves of the same term, boost and source share one, so that a term the tree names in several
   * places (`the` in each of `"of the" "in the"`) is scored once per run (partials are never changed).
   */
  readonly #slot = new Map<QueryNode, number>()
  readonly #slots: number

  constructor(
    readonly input: EvaluationInput,
    readonly terms: readonly string[],
    readonly infos: readonly (TermInfo | undefined)[],
    readonly words: number,
  ) {
    this.#bit = new Map(terms.map((t, k) => [t, k]))
    this.program = new BoundProgram(input.root, this.#bit)
    this.#idf = infos.map((t) => (t ? inverseFrequency(t.wholeDf ?? t.df, input.units) : 0))
    this.#forms = terms.map((term, k) => input.forms.flatMap((f, bit) =>
      f.term === term && bit < 32 ? [[variantBit(f.variant, infos[k]?.variants ?? 1), (1 << bit) >>> 0] as [number, number]] : []))
    const slots = new Map<string, number>()
    const assign = (n: QueryNode): void => {
      if (n.op !== 'term') return n.nodes.forEach(assign)
      const key = `${n.term}\u0000${n.boost}\u0000${n.source ?? n.term}`
      if (!slots.has(key)) slots.set(key, slots.size)
      this.#slot.set(n, slots.get(key)!)
    }
    assign(input.root)
    this.#slots = slots.size
  }

  /**
   * Sets of terms (by place) every match holds one of, none of them a driver, each only of terms the index has, the rarest
   * first: a candidate holding none of a set cannot match.
   */
  narrowing(drivers: readonly number[]): number[][] {
    const df = (set: readonly number[]) => set.reduce((n, k) => n + this.infos[k]!.df, 0)
    const sets = requiredSets(this.input.root, this.#bit)
      .filter((set) => !set.some((k) => drivers.includes(k)))
      .map((set) => [...new Set(set.filter((k) => this.infos[k]))])
      .sort((a, b) => a.length - b.length)
    // A set holding another narrows nothing more (`build` and the words `build*` stands for).
    return sets.filter((set, i) => !sets.slice(0, i).some((other) => other.every((k) => set.includes(k))))
      .sort((a, b) => df(a) - df(b))
  }

  /** Each posting's score for term `k`, before the query's boost: what a block's bound bounds. */
  scores(k: number, block: Block): Float64Array {
    const idf = this.#idf[k]!
    const out = new Float64Array(block.count)
    for (let i = 0; i < block.count; i++) out[i] = CODE_BOOST[block.codes[i]!]! * bm25(idf, block.tfs[i]!, block.lengths[i]!, this.input.averageLength)
    return out
  }

  /** Runs the tree over the terms' postings; scores multiplied by the number of distinct terms matched. */
  run(postings: ReadonlyMap<number, TermPostings>): Matches {
    const { words } = this
    const leaf = (term: string, boost: number, source: string): Partial => {
      const k = this.#bit.get(term)!
      const p = postings.get(k)
      const info = this.infos[k]
      if (!p || !info) return empty(words)
      const n = p.units.length
      const out: Partial = {
        units: p.units, scores: new Float64Array(n), masks: new Uint32Array(n * words), sources: new Uint32Array(n).fill(this.program.sourceBit(source)),
        forms: new Uint32Array(n), codes: p.codes,
      }
      const idf = this.#idf[k]!
      const { averageLength } = this.input
      const bit = (1 << (k & 31)) >>> 0
      const word = k >>> 5
      for (let i = 0; i < n; i++) {
        // The order of MiniSearch's multiplication, for equal floating-point results.
        out.scores[i] = 1 * boost * 1 * CODE_BOOST[p.codes[i]!]! * bm25(idf, p.tfs[i]!, p.lengths[i]!, averageLength)
        out.masks[i * words + word] = bit
      }
      const forms = this.#forms[k]!
      for (let f = 0; f < forms.length; f++) {
        const [variant, formBit] = forms[f]!
        for (let i = 0; i < n; i++) if (!p.variants || p.variants[i]! & variant) out.forms[i] = (out.forms[i]! | formBit) >>> 0
      }
      return out
    }
    const made: (Partial | undefined)[] = new Array(this.#slots)
    const run = (n: QueryNode): Partial => {
      if (n.op === 'term') return (made[this.#slot.get(n)!] ??= leaf(n.term, n.boost, n.source ?? n.term))
      const parts = n.nodes.map(run)
      if (parts.length === 0) return empty(words)
      if (n.op === 'or' && parts.length > 2) return union(parts, words)
      return parts.reduce((a, b) => combine(n.op, a, b, words))
    }
    const { units, scores, masks, sources, forms, codes } = run(this.input.root)
    const final = new Float64Array(units.length)
    // MiniSearch multiplies a match's score by the number of distinct query terms (here, sources) it matched.
    for (let i = 0; i < units.length; i++) final[i] = scores[i]! * (popcount(sources[i]!) || 1)
    return { units, scores: final, masks, words, forms, codes, terms: this.terms }
  }
}

/**
 * A tree compiled for its bound over an interval: postfix steps, leaves by
 * term, evaluated on a stack. Every query interval asks for one, so it must
 * cost a few operations per leaf, whatever the tree's size.
 */
class BoundProgram {
  /** Per step: 0 a term, 1 AND, 2 OR, 3 AND_NOT. */
  readonly #op: Uint8Array
  /** Per step: the term (its bit), or the number of children. */
  readonly #arg: Int32Array
  readonly #boost: Float64Array
  /** The bit of each source (the 32nd and later share the last). */
  readonly #sources = new Map<string, number>()
  /** Per source bit a match can count (not those only excluded), the terms standing for it. */
  readonly #counted: number[][]
  readonly #stack: Float64Array

  constructor(root: QueryNode, bit: ReadonlyMap<string, number>) {
    const op: number[] = []
    const arg: number[] = []
    const boost: number[] = []
    const counted = new Map<number, Set<number>>()
    const compile = (n: QueryNode, positive: boolean): void => {
      if (n.op === 'term') {
        op.push(0)
        arg.push(bit.get(n.term)!)
        boost.push(n.boost)
        const source = this.sourceBit(n.source ?? n.term)
        if (positive) {
          if (!counted.has(source)) counted.set(source, new Set())
          counted.get(source)!.add(bit.get(n.term)!)
        }
        return
      }
      n.nodes.forEach((c, i) => compile(c, positive && (n.op !== 'and_not' || i === 0)))
      op.push(n.op === 'and' ? 1 : n.op === 'or' ? 2 : 3)
      arg.push(n.nodes.length)
      boost.push(0)
    }
    compile(root, true)
    this.#op = Uint8Array.from(op)
    this.#arg = Int32Array.from(arg)
    this.#boost = Float64Array.from(boost)
    this.#counted = [...counted.values()].map((terms) => [...terms])
    this.#stack = new Float64Array(op.length + 1)
  }

  /** A source's bit in a match's sources. */
  sourceBit(source: string): number {
    let b = this.#sources.get(source)
    if (b === undefined) this.#sources.set(source, (b = (1 << Math.min(this.#sources.size, 31)) >>> 0))
    return b
  }

  /** The best score a unit can reach given each term's best (ABSENT where it cannot occur), times the terms it can match. */
  bound(termBounds: Float64Array): number {
    const stack = this.#stack
    let top = 0
    for (let i = 0; i < this.#op.length; i++) {
      const op = this.#op[i]!
      if (op === 0) {
        const b = termBounds[this.#arg[i]!]!
        stack[top++] = b === ABSENT ? ABSENT : this.#boost[i]! * b * SLACK
        continue
      }
      const n = this.#arg[i]!
      top -= n
      let sum = ABSENT
      if (n > 0) {
        if (op === 3) sum = stack[top]!
        else {
          sum = 0
          let present = 0
          for (let j = top; j < top + n; j++) {
            if (stack[j] === ABSENT) {
              if (op === 1) {
                present = 0
                break
              }
            } else {
              sum += stack[j]!
              present++
            }
          }
          if (present === 0) sum = ABSENT
        }
      }
      stack[top++] = sum
    }
    const b = stack[0]!
    if (b === ABSENT) return ABSENT
    // The sources a unit here could match: those with a term present.
    // Plain loops, no closure per source: this runs for every stretch bounded and every MaxScore probe.
    let present = 0
    for (const terms of this.#counted) {
      for (let i = 0; i < terms.length; i++) {
        if (termBounds[terms[i]!] !== ABSENT) {
          present++
          break
        }
      }
    }
    return b * Math.max(1, present) * SLACK
  }
}

const empty = (words: number): Partial => ({
  units: new Uint32Array(0), scores: new Float64Array(0), masks: new Uint32Array(0 * words), sources: new Uint32Array(0), forms: new Uint32Array(0), codes: new Uint8Array(0),
})

/** The distinct terms of `n`, in the order the tree names them first (their mask bits). */
export function collectTerms(n: QueryNode, into: string[], seen = new Set<string>()): void {
  if (n.op === 'term') {
    if (!seen.has(n.term)) into.push(n.term)
    seen.add(n.term)
  } else for (const c of n.nodes) collectTerms(c, into, seen)
}

/** Sets of terms (by place) every match of `n` holds one of: AND has each of its children's, OR one of all its terms. */
function requiredSets(n: QueryNode, place: ReadonlyMap<string, number>): number[][] {
  if (n.op === 'term') return [[place.get(n.term)!]]
  if (n.nodes.length === 0) return []
  if (n.op === 'and_not') return requiredSets(n.nodes[0]!, place)
  if (n.op === 'and') return n.nodes.flatMap((c) => requiredSets(c, place))
  const terms: string[] = []
  collectTerms(n, terms)
  return [terms.map((t) => place.get(t)!)]
}

/** Terms one of which every match of `n` holds, chosen to be few: AND takes its cheapest child's. */
export function driverTerms(n: QueryNode, df: (term: string) => number): Set<string> {
  if (n.op === 'term') return new Set([n.term])
  if (n.nodes.length === 0) return new Set()
  if (n.op === 'and_not') return driverTerms(n.nodes[0]!, df)
  const children = n.nodes.map((c) => driverTerms(c, df))
  if (n.op === 'or') return new Set(children.flatMap((c) => [...c]))
  const costs = children.map((c) => [...c].reduce((s, t) => s + df(t), 0))
  return children[costs.indexOf(Math.min(...costs))]!
}

/** Merges two sorted partial results as MiniSearch's combinators do. */
function combine(op: 'or' | 'and' | 'and_not', a: Partial, b: Partial, words: number): Partial {
  const size = op === 'or' ? a.units.length + b.units.length : a.units.length
  const out: Partial = {
    units: new Uint32Array(size), scores: new Float64Array(size), masks: new Uint32Array(size * words), sources: new Uint32Array(size),
    forms: new Uint32Array(size), codes: new Uint8Array(size),
  }
  let i = 0
  let j = 0
  let n = 0
  const take = (from: Partial, k: number, other?: Partial, l?: number) => {
    out.units[n] = from.units[k]!
    out.scores[n] = other ? from.scores[k]! + other.scores[l!]! : from.scores[k]!
    for (let w = 0; w < words; w++) out.masks[n * words + w] = from.masks[k * words + w]! | (other ? other.masks[l! * words + w]! : 0)
    out.sources[n] = (from.sources[k]! | (other ? other.sources[l!]! : 0)) >>> 0
    out.forms[n] = (from.forms[k]! | (other ? other.forms[l!]! : 0)) >>> 0
    out.codes[n] = from.codes[k]!
    n++
  }
  while (i < a.units.length && j < b.units.length) {
    const x = a.units[i]!
    const y = b.units[j]!
    if (x === y) {
      if (op !== 'and_not') take(a, i, b, j)
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
  if (op !== 'and') for (; i < a.units.length; i++) take(a, i)
  if (op === 'or') for (; j < b.units.length; j++) take(b, j)
  return {
    units: out.units.subarray(0, n), scores: out.scores.subarray(0, n), masks: out.masks.subarray(0, n * words),
    sources: out.sources.subarray(0, n), forms: out.forms.subarray(0, n), codes: out.codes.subarray(0, n),
  }
}

/**
 * The OR of many partial results at once (a prefix's or a typo's dozens of
 * terms): each unit's scores summed in the order of the parts, as the
 * pairwise fold would add them, so that the sums are the same to the bit.
 */
function union(parts: Partial[], words: number): Partial {
  let n = 0
  let lo = Infinity
  let hi = -1
  for (const p of parts) {
    if (p.units.length === 0) continue
    n += p.units.length
    lo = Math.min(lo, p.units[0]!)
    hi = Math.max(hi, p.units[p.units.length - 1]!)
  }
  if (n === 0) return empty(words)
  // The distinct units, in order, and each one's place among them: by a map over their range where they are dense in it,
  // else merged, each part's units found by a walk over them. Merging walks the units once per halving of the parts, so a
  // map pays at a sparser range for many parts (a prefix's expansions) than for three or four (a query's words): a query of
  // three words falling back to its partial matches took 10–18% less at 10 MB with this bound than with the merge.
  const size = hi - lo + 1
  let map: Int32Array | undefined
  let units: Uint32Array
  if (size <= (parts.length > 4 ? 8 : 2) * n + 1024) {
    map = places.zeroed(size)
    for (const p of parts) for (let i = 0; i < p.units.length; i++) map[p.units[i]! - lo] = 1
    // One pass without a branch: a unit is written at the next place whether present or not, and kept by moving on.
    const all = new Uint32Array(n + 1)
    let count = 0
    for (let j = 0; j < size; j++) {
      const present = map[j]!
      all[count] = lo + j
      count += present
      map[j] = count * present
    }
    units = all.subarray(0, count)
  } else units = mergeAscending(parts.map((p) => p.units))
  const count = units.length
  const scores = new Float64Array(count)
  const masks = new Uint32Array(count * words)
  const sources = new Uint32Array(count)
  const forms = new Uint32Array(count)
  const codes = new Uint8Array(count)
  for (const p of parts) {
    let j = 0
    for (let i = 0; i < p.units.length; i++) {
      j = map ? map[p.units[i]! - lo]! - 1 : firstNotBelow(units, p.units[i]!, j)
      // A sum from zero is the first part's score exactly; a unit's code is the same in every part.
      scores[j] = scores[j]! + p.scores[i]!
      codes[j] = p.codes[i]!
      for (let w = 0; w < words; w++) masks[j * words + w]! |= p.masks[i * words + w]!
      sources[j]! |= p.sources[i]!
      forms[j]! |= p.forms[i]!
    }
  }
  return { units, scores, masks, sources, forms, codes }
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
