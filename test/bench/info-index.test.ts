import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { infoJudgements, infoManuals, infoVolume, readInfoManual } from '../../bench/info-index'
import { readCorpus } from '../../index/corpus'

const SEP = '\x1f'
/** A small manual as makeinfo writes one: a preamble, two nodes (one with a menu), an index node, a tag table. */
const manual = [
  'This is demo.info, produced by makeinfo.\n\nINFO-DIR-SECTION Demo\n',
  `\nFile: demo.info,  Node: Top,  Next: Block size,  Up: (dir)\n\nDemo\n****\n\nThe demo tools & their sizes.\n\n* Menu:\n\n* Block size::    Sizes.\n* Index::\n`,
  '\nFile: demo.info,  Node: Block size,  Prev: Top,  Up: Top\n\n2 Block size\n************\n\nSome programs display sizes\nin blocks.\n\n‘DU_BLOCK_SIZE’ sets the\nblock size of du.\n',
  '\nFile: demo.info,  Node: Index,  Prev: Block size,  Up: Top\n\nIndex\n*****\n\n\0\b[index\0\b]\n* Menu:\n\n' +
    '* block size:                           Block size.           (line 6)\n' +
    '* block size <1>:                       Top.                  (line 4)\n' +
    '* DU_BLOCK_SIZE:                        Block size.           (line 9)\n' +
    '* a very long entry about the sizes of blocks that wraps:\n                                         Block size.           (line 6)\n' +
    '* --block-size:                         Block size.           (line 6)\n' +
    '* \\(:                                   Top.                  (line 4)\n' +
    '* missing node:                         Nowhere.              (line 1)\n',
  '\nTag Table:\nNode: Top71\nNode: Block size234\n\nEnd Tag Table\n',
].join(SEP)

describe('readInfoManual', () => {
  it('reads nodes as paragraphs, leaving out menus, underlines and the index node', () => {
    const m = readInfoManual('demo', manual)
    expect(m.nodes).toEqual([
      { name: 'Top', paragraphs: ['Demo', 'The demo tools & their sizes.'] },
      { name: 'Block size', paragraphs: ['2 Block size', 'Some programs display sizes in blocks.', '‘DU_BLOCK_SIZE’ sets the block size of du.'] },
    ])
  })

  it('reads index entries, a wrapped one joined and a repeat without its number', () => {
    expect(readInfoManual('demo', manual).entries.map((e) => [e.text, e.node])).toEqual([
      ['block size', 'Block size'],
      ['block size', 'Top'],
      ['DU_BLOCK_SIZE', 'Block size'],
      ['a very long entry about the sizes of blocks that wraps', 'Block size'],
      ['--block-size', 'Block size'],
      ['\\(', 'Top'],
      ['missing node', 'Nowhere'],
    ])
  })
})

describe('infoManuals', () => {
  it('reads a split manual\'s parts in order, gzipped or not, and nothing from a folder that is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-info-test-'))
    try {
      writeFileSync(join(dir, 'demo.info-2.gz'), gzipSync('second'))
      writeFileSync(join(dir, 'demo.info-1'), 'first ')
      writeFileSync(join(dir, 'demo.info.gz'), gzipSync('indirect '))
      writeFileSync(join(dir, 'dir'), 'the directory node')
      expect(infoManuals(dir)).toEqual([{ name: 'demo', text: 'indirect first second' }])
      expect(infoManuals(join(dir, 'absent'))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('infoJudgements', () => {
  it('makes an entry a query with every node its repeats name; options, symbols and unknown nodes left out', () => {
    expect(infoJudgements(readInfoManual('demo', manual), 'info-demo')).toEqual([
      { q: 'block size', documents: ['info-demo-d2', 'info-demo-d1'], pages: [] },
      { q: 'DU_BLOCK_SIZE', documents: ['info-demo-d2'], pages: [] },
      { q: 'a very long entry about the sizes of blocks that wraps', documents: ['info-demo-d2'], pages: [] },
    ])
  })
})

describe('infoVolume', () => {
  it('writes a TEI volume the build reads as one document a node, the judgements\' ids its documents\'', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-info-test-'))
    try {
      const m = readInfoManual('demo', manual)
      writeFileSync(join(dir, 'info-demo.xml'), infoVolume(m, 'info-demo'))
      const { documents } = await readCorpus(dir)
      expect(documents.map((d) => [d.id, d.title, d.units.length])).toEqual([
        ['info-demo-d1', 'Top', 3],
        ['info-demo-d2', 'Block size', 4],
      ])
      expect(documents[0]!.units[2]!.text).toBe('The demo tools & their sizes.')
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})
