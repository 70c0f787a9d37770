import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePageText } from '../../index/parse/pagetext'
import { buildVocabulary, countDocuments, writeIndex } from '../../index/write-index'
import type { Unit } from '../../src/model'

const unit = (text: string): Unit => ({ id: 'd/p1', doc: 'd', kind: 'paragraph', n: 1, text, pages: [], cites: [] })

describe('buildVocabulary', () => {
  it('lists each folded word once, with its term, unit count and usual spelling', () => {
    const vocabulary = buildVocabulary([unit('Treaty treaty TREATY treaties'), unit('The Treaty of Argüello')])
    expect(vocabulary).toEqual([
      ['arguello', 'arguello', 1, 'Argüello'],
      ['of', 'of', 1],
      ['the', 'the', 1, 'The'],
      ['treaties', 'treati', 1],
      ['treaty', 'treati', 2, 'Treaty'],
    ])
  })
})

describe('writeIndex', () => {
  const { documents: [document] } = parsePageText('1. Title1\n\nA [Page 5] paragraph.\n  1. A note.', 'a.txt', 'a')

  it('counts what went in, in all and per volume; a TEI volume counts every page break', () => {
    const one = { documents: 1, sections: 0, titles: 1, heads: 0, paragraphs: 1, footnotes: 1, pages: 2, units: 3 }
    expect(countDocuments([document!])).toEqual({ ...one, volumes: [{ id: '', title: '', ...one }] })
    const inVolume = { ...document!, volume: 'v1' }
    const counts = countDocuments([inVolume], [{ id: 'v1', title: 'Volume 1', pages: [1, 2, 3, 4, 5] }])
    expect(counts).toMatchObject({ pages: 5, volumes: [{ id: 'v1', title: 'Volume 1', pages: 5, units: 3 }] })
  })

  it('writes content-hashed files and a manifest naming them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'folio-write-'))
    const manifest = await writeIndex([document!], [], { out, builtAt: new Date(0) })
    expect(manifest).toMatchObject({ format: 1, builtAt: '1970-01-01T00:00:00.000Z', counts: { units: 3 } })
    const units = JSON.parse(readFileSync(join(out, manifest.files.units), 'utf8'))
    expect(units.map((u: Unit) => u.text)).toEqual(['Title', 'A paragraph.', 'A note.'])
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest)
    expect(manifest.bytes.gzip).toBeLessThan(manifest.bytes.raw)
  })
})
