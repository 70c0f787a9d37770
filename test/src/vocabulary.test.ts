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

describe('Vocabulary.near', () => {
  it('finds exactly the words MiniSearch’s SearchableMap finds, on the corpus vocabulary', async () => {
    const { default: SearchableMap } = await import('minisearch/SearchableMap')
    const { readCorpus } = await import('../../index/corpus')
    const { buildVocabulary } = await import('../../index/write-index')
    const { random } = await import('../../bench/corpus')
    const entries = buildVocabulary((await readCorpus('corpus')).documents.flatMap((d) => d.units))
    const words = entries.map((e) => e[0])
    const terms = [...new Set(entries.map((e) => e[1]))].sort()
    const big = new Vocabulary({
      words, terms, termOf: entries.map((e) => terms.indexOf(e[1])), units: entries.map((e) => e[2]), display: entries.map((e) => e[3] ?? ''),
    })
    const tree = SearchableMap.from(words.map((w, i) => [w, i] as [string, number]))
    const rand = random(11)
    const typo = (w: string) => {
      const at = Math.floor(rand() * w.length)
      const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]!
      return [w.slice(0, at) + w.slice(at + 1), w.slice(0, at) + letter + w.slice(at + 1), w.slice(0, at) + letter + w.slice(at)][Math.floor(rand() * 3)]!
    }
    for (let k = 0; k < 300; k++) {
      const query = typo(words[Math.floor(rand() * words.length)]!)
      for (const edits of [1, 2]) {
        const expected = [...tree.fuzzyGet(query, edits)].map(([w, [, e]]) => `${w}:${e}`).sort()
        const actual = big.near(query, edits, 1e9).map((w) => `${w.word}:${w.edits}`).sort()
        expect(actual, `${query} ~${edits}`).toEqual(expected)
      }
    }
  })
})
