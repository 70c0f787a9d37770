import { describe, expect, it } from 'vitest'
import { Vocabulary } from '../../src/vocabulary'

const vocabulary = new Vocabulary([
  ['negotiated', 'negoti', 1],
  ['negotiations', 'negoti', 3, 'Negotiations'],
  ['shevardnadze', 'shevardnadz', 2, 'Shevardnadze'],
  ['stability', 'stabil', 5],
  ['stable', 'stabl', 1],
])

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
