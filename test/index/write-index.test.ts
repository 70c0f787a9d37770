import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePageText } from '../../index/parse/pagetext'
import { countDocuments } from '../../index/documents'
import { buildVocabulary, checkTarget, writeIndex } from '../../index/write-index'
import { loadLibrary } from '../../src/library'
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

  it('writes content-hashed files and a manifest naming them, which the worker reads back whole', async () => {
    const out = mkdtempSync(join(tmpdir(), 'folio-write-'))
    const manifest = await writeIndex([document!], [], { out, builtAt: new Date(0) })
    expect(manifest).toMatchObject({ format: 2, builtAt: '1970-01-01T00:00:00.000Z', counts: { units: 3 } })
    expect(manifest.files).toEqual({
      pack: [expect.stringMatching(/^pack\.[0-9a-f]{16}\.bin$/)],
      text: [expect.stringMatching(/^text\.[0-9a-f]{16}\.txt$/)],
      documents: [expect.stringMatching(/^documents\.[0-9a-f]{16}\.json$/)],
    })
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest)
    const library = await loadLibrary(async (path) => new Response(readFileSync(join(out, path.replace(/^index\//, '')))))
    expect(Array.from({ length: library.size }, (_, i) => library.unit(i))).toEqual(document!.units)
  })

  it('refuses an index the target cannot hold, naming the limit', () => {
    const mb = 2 ** 20
    expect(() => checkTarget({ pack: 30 * mb, text: 40 * mb, documents: 2 * mb }, 'workers')).toThrow(
      'the index needs about 78 MB of memory once loaded, over 60% of the 128 MB an isolate has on target workers; ' +
      'index fewer documents, or build with --target unlimited to serve it elsewhere',
    )
    expect(() => checkTarget({ pack: 30 * mb, text: 40 * mb, documents: 2 * mb }, 'unlimited')).not.toThrow()
    expect(() => checkTarget({ pack: 10 * mb, text: 20 * mb, documents: 2 * mb }, 'workers')).not.toThrow()
  })
})
