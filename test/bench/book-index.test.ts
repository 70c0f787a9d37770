import { describe, expect, it } from 'vitest'
import { judge, readBookIndex } from '../../bench/book-index'
import type { Document, Unit } from '../../src/model'

const volume = (index: string) => `<TEI><text><body><p>Text.</p></body><back>
<div type="section" xml:id="index"><head>Index</head><list type="index">${index}</list></div></back></text></TEI>`

describe('readBookIndex', () => {
  it('makes each entry a query with the documents it lists; nested entries carry their heading', () => {
    const judgements = readBookIndex(volume(`
      <item>Africa, <ref target="#d83">83</ref></item>
      <item>Aviation issues, civil:<list>
        <item><persName corresp="#p_RD3">Rusk</persName>'s assessments, <ref target="#d18">18</ref>, <ref target="#d20">20</ref></item>
      </list></item>`), 'v1')
    expect(judgements).toEqual([
      { q: 'Africa', documents: ['v1-d83'], pages: [] },
      { q: "Aviation issues, civil Rusk's assessments", documents: ['v1-d18', 'v1-d20'], pages: [] },
    ])
  })

  it('reads pages, ranges and notes; asks for a person by surname; leaves out see-also notes and cross-references', () => {
    const judgements = readBookIndex(volume(`
      <item><persName corresp="#p_AK1">Aichi, Kiichi</persName>, <ref target="#pg_12">12</ref>–14, <ref target="#pg_44">44</ref>n</item>
      <item>Barringer, Philip, <ref target="#pg_7">7</ref></item>
      <item>Japan (see also individual names), <ref target="#pg_3">3</ref></item>
      <item>Balance-of-payments. <hi rend="italic">See under</hi> <ref target="#in1">Economic issues</ref>.</item>`), 'v1')
    expect(judgements).toEqual([
      { q: 'Aichi', documents: [], pages: ['12', '13', '14', '44'] },
      { q: 'Barringer', documents: [], pages: ['7'] },
      { q: 'Japan', documents: [], pages: ['3'] },
    ])
  })
})

describe('judge', () => {
  const unit = (doc: string, n: number, page: number): Unit => ({ id: `${doc}/p${n}`, doc, kind: 'paragraph', n, text: 'x', pages: [{ page, at: 0 }], cites: [] })
  const documents: Document[] = [
    { id: 'a', type: 'document', title: 'A', units: [unit('a', 1, 1), unit('a', 2, 2)] },
    { id: 'b', type: 'document', title: 'B', units: [unit('b', 1, 3)] },
  ]

  it('scores nDCG, precision and recall at 10 against the listed documents and pages', () => {
    const judgements = [{ q: 'x', documents: ['a'], pages: [] }, { q: 'y', documents: [], pages: ['3'] }]
    const perfect = judge('e', judgements, documents, [['a/p1', 'a/p2'], ['b/p1']])
    expect(perfect).toEqual({ engine: 'e', queries: 2, ndcg10: 1, p10: (0.2 + 0.1) / 2, recall10: 1 })
    const second = judge('e', judgements.slice(1), documents, [['a/p1', 'b/p1']])
    expect(second.ndcg10).toBeCloseTo(1 / Math.log2(3))
    expect(second.recall10).toBe(1)
  })

  it('leaves out entries whose targets the corpus lacks', () => {
    expect(judge('e', [{ q: 'x', documents: ['zz'], pages: [] }, { q: 'y', documents: ['b'], pages: [] }], documents, [[], []]).queries).toBe(1)
  })
})
