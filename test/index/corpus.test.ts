import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeUtf8, readCorpus } from '../../index/corpus'
import { tempDir } from '../support/temp'

function corpus(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('folio-corpus-')
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

describe('readCorpus', () => {
  it('reads every page-text file, in path order, with the file name as id', async () => {
    const dir = corpus({ 'b.txt': '2. Second\n\nText of the second document.', 'a.txt': '1. First\n\nText of the first document.' })
    const { documents, diagnostics, files } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['a', 'b'])
    expect(diagnostics).toEqual([])
    expect(files).toEqual({ read: 2, skipped: 0 })
  })

  it('errors on a file that is not UTF-8, naming its line, and reads the others', async () => {
    const latin1 = Buffer.concat([Buffer.from('1. Title\n\nArg'), Buffer.from([0xfc]), Buffer.from('ello spoke.\n')])
    const dir = corpus({ 'bad.txt': latin1, 'good.txt': '1. Good\n\nFine.' })
    const { documents, diagnostics } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['good'])
    expect(diagnostics).toEqual([{
      severity: 'error', file: expect.stringMatching(/bad\.txt$/), line: 3,
      message: 'not UTF-8: byte 0xfc at offset 13; re-save the file as UTF-8',
    }])
  })

  it('warns on an empty file and on a file of another format, and counts them', async () => {
    const dir = corpus({ 'empty.txt': '', 'notes.docx': 'x', 'README.md': '# about', 'ok.txt': '1. Ok\n\nFine.' })
    const { documents, diagnostics, files } = await readCorpus(dir)
    expect(documents).toHaveLength(1)
    expect(diagnostics.map((d) => [d.file.split('/').pop(), d.severity, d.message])).toEqual([
      ['empty.txt', 'warning', 'empty file: no document read'],
      ['notes.docx', 'warning', 'not a corpus file (.txt, .xml); skipped'],
    ])
    expect(files).toEqual({ read: 2, skipped: 2 })
  })

  it('errors on two files with the same document id', async () => {
    const dir = corpus({ 'a.txt': '1. A\n\nText.', 'a.TXT': '1. A again\n\nText.' })
    const { diagnostics } = await readCorpus(dir)
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^document id a is already used by/) })])
  })
})

describe('decodeUtf8', () => {
  it('finds a bad byte after multi-byte characters', () => {
    const bytes = Buffer.concat([Buffer.from('é\nü\n'), Buffer.from([0xff])])
    expect(decodeUtf8(bytes, 'f.txt')).toMatchObject({ line: 3, message: expect.stringContaining('offset 6') })
  })

  it('decodes good UTF-8', () => {
    expect(decodeUtf8(Buffer.from('Argüello'), 'f.txt')).toBe('Argüello')
  })
})
