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
