import { describe, expect, it } from 'vitest'
import { crowdedPrefixes } from '../../index/lexicon'

describe('crowdedPrefixes', () => {
  it('lists every prefix that more words than the threshold begin, with their range, in order', () => {
    const words = ['a', 'ab', 'abc', 'abd', 'abe', 'ac', 'b', 'ba', 'bb'].sort()
    expect([...crowdedPrefixes(words, 2)]).toEqual([['a', 0, 6], ['ab', 1, 5], ['b', 6, 9]])
    expect([...crowdedPrefixes(words, 9)]).toEqual([])
  })
})
