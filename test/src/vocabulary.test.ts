import { describe, expect, it } from 'vitest'
import { Vocabulary } from '../../src/vocabulary'

const vocabulary = new Vocabulary({
  words: ['negotiated', 'negotiations', 'shevardnadze', 'stability', 'stable'],
  terms: ['negoti', 'shevardnadz', 'stabil', 'stabl'],
  termOf: [0, 0, 1, 2, 3],
  units: [1, 3, 2, 5, 1],
  display: ['', 'Negotiations', 'Shevardnadze', '', ''],
})

describe('Vocabulary', () => {
  it('lists the words a prefix begins, most widespread first', () => {
    expect(vocabulary.startingWith('nego', 5).map((w) => [w.display, w.units])).toEqual([['Negotiations', 3], ['negotiated', 1]])
    expect(vocabulary.startingWith('stab', 1).map((w) => w.word)).toEqual(['stability'])
    expect(vocabulary.startingWith('x', 5)).toEqual([])
  })

  it('finds words a few edits away, nearest first', () => {
    expect(vocabulary.near('shevardnaze', 2, 5).map((w) => [w.word, w.edits])).toEqual([['shevardnadze', 1]])
    expect(vocabulary.near('stabilty', 1, 5).map((w) => w.word)).toEqual(['stability'])
    expect(vocabulary.near('zzz', 1, 5)).toEqual([])
  })

  it('knows which terms the corpus has', () => {
    expect(vocabulary.hasTerm('negoti')).toBe(true)
    expect(vocabulary.hasTerm('negotiations')).toBe(false)
  })
})

/** Edit distance with swaps of neighbours (optimal string alignment), the slow way. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

describe('Vocabulary.near', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(vocabulary.near('stabiltiy', 1, 5).map((w) => [w.word, w.edits])).toEqual([['stability', 1]])
  })

  it('finds exactly the words within reach, on the corpus vocabulary', async () => {
    const { readCorpus } = await import('../../index/corpus')
    const { buildVocabulary } = await import('../../index/write-index')
    const { random } = await import('../../bench/corpus')
    const { typo } = await import('../../bench/queries')
    const entries = buildVocabulary((await readCorpus('corpus')).documents.flatMap((d) => d.units))
    const words = entries.map((e) => e[0])
    const terms = [...new Set(entries.map((e) => e[1]))].sort()
    const big = new Vocabulary({
      words, terms, termOf: entries.map((e) => terms.indexOf(e[1])), units: entries.map((e) => e[2]), display: entries.map((e) => e[3] ?? ''),
    })
    const rand = random(11)
    for (let k = 0; k < 60; k++) {
      const query = typo(words[Math.floor(rand() * words.length)]!, rand)
      for (const edits of [1, 2]) {
        const expected = words.flatMap((w) => {
          const e = distance(w, query)
          return e <= edits ? [`${w}:${e}`] : []
        }).sort()
        const actual = big.near(query, edits, 1e9).map((w) => `${w.word}:${w.edits}`).sort()
        expect(actual, `${query} ~${edits}`).toEqual(expected)
      }
    }
  }, 60_000)
})
