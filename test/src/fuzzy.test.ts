import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { nextLower, oneEditAway, prefixDistances, prefixesOf, Rows, scriptOf, sharedStarts, walkNear } from '../../src/fuzzy'
import { StringList } from '../../src/string-list'
import { editDistance } from '../support/edit-distance'

const rand = random(5)
const letters = 'abcdeo'
const wordOf = () => Array.from({ length: 2 + Math.floor(rand() * 7) }, () => letters[Math.floor(rand() * letters.length)]).join('')
const words = [...new Set(Array.from({ length: 3000 }, wordOf))].sort()

describe('walkNear', () => {
  it('finds exactly the words within the edits, as a plain distance does', () => {
    for (let k = 0; k < 60; k++) {
      const word = wordOf()
      const edits = 1 + (k % 2)
      const found: [string, number][] = []
      walkNear(StringList.of(words.join('\n')), 0, words.length, new Rows(word, edits), (i, e) => found.push([words[i]!, e]))
      expect(found).toEqual(words.flatMap((w) => (editDistance(w, word) <= edits ? [[w, editDistance(w, word)]] : [])))
    }
  })
})

describe('prefixDistances', () => {
  it('gives each prefix the fewest edits to any string beginning with it, up to the most edits and one', () => {
    const prefixes = words.map((w) => w.slice(0, 1 + Math.floor(rand() * w.length)))
    const walked = prefixesOf(prefixes)
    for (let k = 0; k < 30; k++) {
      const word = wordOf()
      const bounds = prefixDistances(walked, new Rows(word, 2))
      // Each prefix was cut from a word at its place: never farther than that word.
      prefixes.forEach((_, i) => expect(bounds[i]).toBeLessThanOrEqual(Math.min(3, editDistance(words[i]!, word))))
      // A string beginning with the prefix is nearest when it goes on as the word does from some point.
      prefixes.forEach((p, i) => expect(bounds[i], p).toBe(Math.min(3, ...Array.from({ length: word.length + 1 }, (_, j) => editDistance(p, word.slice(0, j))))))
    }
  })
})

describe('sharedStarts', () => {
  it('counts the first characters each string shares with the one before it', () => {
    expect([...sharedStarts(['', 'ab', 'abc', 'abd', 'b', 'b'])]).toEqual([0, 0, 2, 2, 0, 1])
  })
})

describe('nextLower', () => {
  it('finds the next place whose start is below each one', () => {
    const starts = [0, 0, 2, 3, 2, 1, 4, 0]
    expect([...nextLower(starts)]).toEqual(starts.map((s, k) => {
      const next = starts.findIndex((t, j) => j > k && t < s)
      return next < 0 ? starts.length : next
    }))
  })
})

describe('oneEditAway', () => {
  it('gives every string one edit away over the alphabet, each once, as a plain distance does', () => {
    const abc = 'abcd'
    const strings = (length: number): string[] => (length === 0 ? [''] : strings(length - 1).flatMap((s) => [...abc].map((c) => s + c)))
    const all = [0, 1, 2, 3, 4, 5, 6].map(strings)
    for (let k = 0; k < 40; k++) {
      const word = strings(1 + (k % 5))[Math.floor(rand() * abc.length ** (1 + (k % 5)))]!
      const away = [...oneEditAway(word, abc)]
      expect(new Set(away).size).toBe(away.length)
      const expected = [word.length - 1, word.length, word.length + 1].flatMap((n) => all[n]!).filter((s) => editDistance(s, word) === 1)
      expect(away.sort(), word).toEqual(expected.sort())
    }
  })
})

describe('scriptOf', () => {
  it('puts letters of one writing system together, and digits and signs in none', () => {
    expect(new Set([...'azqé'].map(scriptOf)).size).toBe(1)
    expect(new Set([...'aжλא中ア한'].map(scriptOf)).size).toBe(7)
    expect([...'07.⁄'].map(scriptOf)).toEqual([-1, -1, -1, -1])
  })
})
