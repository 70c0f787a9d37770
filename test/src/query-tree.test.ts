import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import type { TermInfo } from '../../src/format/lexicon'
import { ABSENT, collectTerms, driverTerms, Leaves, matchedTerms, type EvaluationInput, type QueryNode } from '../../src/query-tree'
import { bm25, CODE_BOOST, inverseFrequency } from '../../src/rank'
import type { TermPostings } from '../../src/term-postings'

const UNITS = 100
const AVERAGE = 20

const term = (t: string, boost = 1, source?: string): QueryNode => ({ op: 'term', term: t, boost, ...(source && { source }) })
const info = (t: string, df: number): TermInfo => ({
  term: t, df, variants: 1, postings: 0, postingsBytes: 0, skipBytes: 0, blocks: 1, positions: 0, positionsBytes: 0, bound: 0,
})

/** A term's postings at `units`: tf, length and code told apart by the unit. */
function postingsAt(units: number[]): TermPostings {
  return {
    units: Uint32Array.from(units),
    tfs: Uint32Array.from(units, (u) => (u % 3) + 1),
    lengths: Uint32Array.from(units, (u) => 10 + (u % 17)),
    codes: Uint8Array.from(units, (u) => u % 8),
    variants: null,
  }
}

/** The tree over `postings` (by term): its terms, and the tree run by {@link Leaves}. */
function run(root: QueryNode, postings: Record<string, number[]>) {
  const terms: string[] = []
  collectTerms(root, terms)
  const infos = terms.map((t) => info(t, postings[t]?.length ?? 0))
  const input: EvaluationInput = { root, terms: new Map(infos.map((i) => [i.term, i])), forms: [], units: UNITS, averageLength: AVERAGE }
  const leaves = new Leaves(input, terms, infos, 1)
  const matches = leaves.run(new Map(terms.map((t, k) => [k, postingsAt(postings[t] ?? [])])))
  return { terms, leaves, matches }
}

/** A posting's score as MiniSearch computes it. */
function score(t: string, df: number, unit: number, boost = 1): number {
  const p = postingsAt([unit])
  return boost * CODE_BOOST[p.codes[0]!]! * bm25(inverseFrequency(df, UNITS), p.tfs[0]!, p.lengths[0]!, AVERAGE)
}

describe('Leaves.run', () => {
  it("combines AND, OR and AND_NOT as MiniSearch's combinators do, each match's sum times the words it matched", () => {
    const postings = { a: [1, 2, 5], b: [2, 3, 5], c: [3, 5], d: [5] }
    const root: QueryNode = { op: 'and_not', nodes: [{ op: 'or', nodes: [term('a', 2), { op: 'and', nodes: [term('b'), term('c')] }] }, term('d')] }
    const { matches } = run(root, postings)
    expect([...matches.units]).toEqual([1, 2, 3])
    expect(matches.scores[0]).toBeCloseTo(score('a', 3, 1, 2), 12)
    // At 2, `b` without `c` does not match the AND: only `a` counts.
    expect(matches.scores[1]).toBeCloseTo(score('a', 3, 2, 2), 12)
    expect(matches.scores[2]).toBeCloseTo((score('b', 3, 3) + score('c', 2, 3)) * 2, 12)
    expect(matchedTerms(matches, 2)).toEqual(['b', 'c'])
  })

  it('counts the terms of one source once: a prefix and its completions are the word typed', () => {
    const root: QueryNode = { op: 'or', nodes: [term('negoti', 1, 'negot'), term('negotiator', 1, 'negot'), term('treati')] }
    const { matches } = run(root, { negoti: [4], negotiator: [4], treati: [4] })
    expect(matches.scores[0]).toBeCloseTo((score('negoti', 1, 4) + score('negotiator', 1, 4) + score('treati', 1, 4)) * 2, 12)
  })
})

describe('Leaves.program', () => {
  it("bounds every match's score, given each term's best, on random trees", () => {
    const rand = random(20261205)
    const names = ['a', 'b', 'c', 'd', 'e']
    const tree = (depth: number): QueryNode => {
      if (depth === 0 || rand() < 0.3) return term(names[Math.floor(rand() * names.length)]!, 1 + Math.floor(rand() * 3))
      const op = (['and', 'or', 'and_not'] as const)[Math.floor(rand() * 3)]!
      return { op, nodes: Array.from({ length: 2 + Math.floor(rand() * 2) }, () => tree(depth - 1)) }
    }
    let checked = 0
    for (let n = 0; n < 200; n++) {
      const postings = Object.fromEntries(names.map((t) => [t, Array.from({ length: UNITS }, (_, u) => u).filter(() => rand() < 0.3)]))
      const { terms, leaves, matches } = run(tree(3), postings)
      const best = Float64Array.from(terms, (t) => {
        const units = postings[t]!
        return units.length === 0 ? ABSENT : Math.max(...units.map((u) => score(t, units.length, u)))
      })
      const bound = leaves.program.bound(best)
      for (const s of matches.scores) {
        expect(bound).toBeGreaterThanOrEqual(s)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it('is absent where a term every match needs cannot occur', () => {
    const { leaves } = run({ op: 'and', nodes: [term('a'), term('b')] }, { a: [1], b: [1] })
    expect(leaves.program.bound(Float64Array.from([3, ABSENT]))).toBe(ABSENT)
    expect(leaves.program.bound(Float64Array.from([3, 2]))).toBeGreaterThanOrEqual(10)
  })
})

describe('Leaves.narrowing', () => {
  it("gives an AND's words that are not drivers, rarest first, each set once and none holding another", () => {
    const root: QueryNode = { op: 'and', nodes: [term('rare'), { op: 'or', nodes: [term('mid'), term('midd')] }, term('mid'), term('common')] }
    const { terms, leaves } = run(root, { rare: [1], mid: [1, 2, 3], midd: [4], common: [1, 2, 3, 4, 5, 6] })
    const sets = leaves.narrowing([terms.indexOf('rare')]).map((set) => set.map((k) => terms[k]))
    expect(sets).toEqual([['mid'], ['common']])
  })
})

describe('driverTerms', () => {
  const df = (t: string) => ({ a: 5, b: 50, c: 20, d: 1 })[t] ?? 0
  it("takes an AND's cheapest child, every child of an OR, and an AND_NOT's first child", () => {
    expect(driverTerms({ op: 'and', nodes: [term('a'), term('b')] }, df)).toEqual(new Set(['a']))
    expect(driverTerms({ op: 'and', nodes: [{ op: 'or', nodes: [term('a'), term('c')] }, term('b')] }, df)).toEqual(new Set(['a', 'c']))
    expect(driverTerms({ op: 'and_not', nodes: [term('b'), term('d')] }, df)).toEqual(new Set(['b']))
  })
})
