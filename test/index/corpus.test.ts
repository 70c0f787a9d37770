import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeUtf8, DocumentIds, MAX_FILE_BYTES, readCorpus } from '../../index/corpus'
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

describe('reading a corpus folder', () => {
  it('skips hidden files and folders, warning on those that look like corpus files', async () => {
    const dir = corpus({ 'ok.txt': '1. Ok\n\nFine.', '._ok.txt': new Uint8Array([0, 5, 22, 7, 0xe9, 0xff]), '.DS_Store': 'x' })
    mkdirSync(join(dir, '.git'))
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main')
    const { documents, diagnostics, files } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['ok'])
    expect(diagnostics.map((d) => [d.file.split('/').pop(), d.severity, d.message])).toEqual([['._ok.txt', 'warning', 'hidden file (such as the ._ files macOS leaves); skipped']])
    expect(files).toEqual({ read: 1, skipped: 3 })
  })

  it('skips symbolic links to files and folders, and says so', async () => {
    const outside = corpus({ 'secret.txt': '1. Outside\n\nNot part of the corpus.' })
    const dir = corpus({ 'ok.txt': '1. Ok\n\nFine.' })
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'linked.txt'))
    symlinkSync(outside, join(dir, 'folder'))
    const { documents, diagnostics, files } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['ok'])
    expect(diagnostics.map((d) => [d.file.split('/').pop(), d.message])).toEqual([
      ['folder', "symbolic link; skipped (only the folder's own files are read)"],
      ['linked.txt', "symbolic link; skipped (only the folder's own files are read)"],
    ])
    expect(files).toEqual({ read: 1, skipped: 2 })
  })

  it('refuses file names that give an id a URL cannot hold; those that would give . or .. are hidden files', async () => {
    const dir = corpus({ '..txt': '1. Dot\n\nText.', '...txt': '1. Dots\n\nText.', 'new\nline.txt': '1. Newline\n\nText.', 'ok.txt': '1. Ok\n\nFine.' })
    const { documents, diagnostics } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['ok'])
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'hidden file (such as the ._ files macOS leaves); skipped'],
      ['warning', 'hidden file (such as the ._ files macOS leaves); skipped'],
      ['error', 'document id "new\\nline" cannot be part of a URL (/read/<id>); rename the file or the document'],
    ])
    const ids = new DocumentIds()
    for (const id of ['.', '..', ' ', 'a\tb']) expect(ids.claim(id, 'vol.xml')?.message).toBe(`document id ${JSON.stringify(id)} cannot be part of a URL (/read/<id>); rename the file or the document`)
    expect(ids.claim('frus1964-68v29p2-d1', 'vol.xml')).toBeUndefined()
  })

  it('warns on an empty file whatever its format', async () => {
    const dir = corpus({ 'empty.xml': '', 'blank.txt': ' \n\n', 'ok.txt': '1. Ok\n\nFine.' })
    const { documents, diagnostics } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['ok'])
    expect(diagnostics.map((d) => [d.file.split('/').pop(), d.severity, d.message])).toEqual([
      ['blank.txt', 'warning', 'empty file: no document read'],
      ['empty.xml', 'warning', 'empty file: no document read'],
    ])
  })
})

describe('decodeUtf8', () => {
  it('names the byte that starts the sequence that is not UTF-8', () => {
    const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
    expect(decodeUtf8(latin1('Caf\u00e9 au lait'), 'f.txt')).toMatchObject({ line: 1, message: 'not UTF-8: byte 0xe9 at offset 3; re-save the file as UTF-8' })
    expect(decodeUtf8(latin1('ok\nr\u00e9sum\u00e9'), 'f.txt')).toMatchObject({ line: 2, message: 'not UTF-8: byte 0xe9 at offset 4; re-save the file as UTF-8' })
    expect(decodeUtf8(Uint8Array.of(0x61, 0xc3), 'f.txt')).toMatchObject({ message: 'not UTF-8: byte 0xc3 at offset 1; re-save the file as UTF-8' })
    expect(decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80), 'f.txt')).toMatchObject({ message: 'not UTF-8: byte 0xed at offset 0; re-save the file as UTF-8' })
    expect(decodeUtf8(Uint8Array.of(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x99, 0x82), 'f.txt')).toBe('€🙂')
  })
})

describe('a corpus file too large to index', () => {
  it('is refused before it is read, naming the file and the limit', async () => {
    const dir = corpus({ 'ok.txt': '1. Ok\n\nFine.' })
    writeFileSync(join(dir, 'huge.txt'), '')
    truncateSync(join(dir, 'huge.txt'), 200 * 2 ** 20)
    const { documents, diagnostics } = await readCorpus(dir)
    expect(documents.map((d) => d.id)).toEqual(['ok'])
    expect(diagnostics.map((d) => [d.file.split('/').pop(), d.severity, d.message])).toEqual([
      ['huge.txt', 'error', `200.0 MiB, more than the ${(MAX_FILE_BYTES / 2 ** 20).toFixed(1)} MiB a corpus file may hold (each is parsed whole); split it`],
    ])
  })
})

describe('odd file names', () => {
  it('give the ids they spell, whatever their characters', async () => {
    const names = ['a b', 'Argüello memo', 'x#y', 'q?r', '100%', "o'clock", '日本']
    const dir = corpus(Object.fromEntries(names.map((n) => [`${n}.txt`, `1. ${n}\n\nText.`])))
    const { documents, diagnostics } = await readCorpus(dir)
    expect(diagnostics).toEqual([])
    expect(documents.map((d) => d.id).sort()).toEqual([...names].sort())
  })
})
