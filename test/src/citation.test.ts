import { describe, expect, it } from 'vitest'
import type { DocumentEntry } from '../../src/format/layout'
import { cite } from '../../src/citation'

const doc = (facts: Partial<DocumentEntry>): DocumentEntry => ({ id: 'x', type: 'document', title: 'T', first: 0, count: 1, pages: [], ...facts })

describe('cite', () => {
  const japan = {
    id: 'frus1964-68v29p2', title: 'Foreign Relations of the United States, 1964–1968, Volume XXIX, Part 2, Japan',
    series: 'Foreign Relations of the United States', subseries: '1964–1968', volumeNumber: 'Volume XXIX, Part 2', volumeTitle: 'Japan',
  }

  it('cites a document of a TEI volume as historians do', () => {
    expect(cite(japan, doc({ volume: japan.id, number: '11' }), 9).text).toBe(
      'Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, doc. 11, p. 9.',
    )
  })

  it('cites front matter by its title, with a roman page', () => {
    expect(cite(japan, doc({ volume: japan.id, type: 'section', title: 'Persons' }), 'XXV').text).toBe(
      'Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, Persons, p. XXV.',
    )
  })

  it('cites a page-text document from what its volume id says', () => {
    expect(cite(undefined, doc({ volume: 'frus1989-92v31', number: '49' }), 363)).toMatchObject({
      text: 'Foreign Relations of the United States, 1989–1992, vol. XXXI, doc. 49, p. 363.',
      subseries: '1989–1992', volume: 'vol. XXXI', document: '49', page: 363,
    })
    expect(cite(undefined, doc({ volume: 'frus1861', number: '12' }), null).text).toBe('Foreign Relations of the United States, 1861, doc. 12.')
    expect(cite(undefined, doc({ volume: 'frus1969-76v14p1', number: '3' }), 5).text).toBe(
      'Foreign Relations of the United States, 1969–1976, vol. XIV, pt. 1, doc. 3, p. 5.',
    )
  })

  it('cites what it can of a document of no known volume', () => {
    expect(cite(undefined, doc({ number: '2' }), undefined).text).toBe('Foreign Relations of the United States, doc. 2.')
  })
})
