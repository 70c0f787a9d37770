import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodePack, Pack, packSchema } from '../../src/pack'
import { properties } from '../support/property'

const SAMPLE = packSchema<{ note: string }>()('sample', 7, {
  a: { type: 'u8', about: 'bytes' },
  b: { type: 'u16', about: 'shorts' },
  c: { type: 'u32', about: 'integers' },
  d: { type: 'f64', about: 'floats' },
  words: { type: 'strings', about: 'words' },
  empty: { type: 'strings', about: 'no words' },
  one: { type: 'strings', about: 'one empty word' },
})

const sample = () => encodePack(SAMPLE, {
  a: Uint8Array.of(1, 2, 3),
  b: Uint16Array.of(65535, 7),
  c: Uint32Array.of(4_000_000_000),
  d: Float64Array.of(1.5),
  words: ['Argüello', '', 'x'],
  empty: [],
  one: [''],
}, { note: 'meta' })

describe('pack', () => {
  it('reads back every section and the meta as written', () => {
    const pack = new Pack(SAMPLE, sample().slice().buffer)
    expect(pack.meta).toEqual({ note: 'meta' })
    expect([...pack.get('a')]).toEqual([1, 2, 3])
    expect([...pack.get('b')]).toEqual([65535, 7])
    expect([...pack.get('c')]).toEqual([4_000_000_000])
    expect([...pack.get('d')]).toEqual([1.5])
    expect(pack.get('words')).toEqual(['Argüello', '', 'x'])
    expect(pack.get('empty')).toEqual([])
    expect(pack.get('one')).toEqual([''])
    expect([...pack.list('words')]).toEqual(['Argüello', '', 'x'])
    expect(pack.list('empty').length).toBe(0)
    expect([...pack.list('one')]).toEqual([''])
    // @ts-expect-error: `a` holds bytes, not strings
    expect(() => pack.list('a')).toThrow('the pack has no strings section a')
  })

  it('refuses what is not a pack, a pack of another kind or format, or a section the schema types otherwise', () => {
    expect(() => new Pack(SAMPLE, new Uint8Array(16).buffer)).toThrow('not a Folio pack (bad magic)')
    expect(() => new Pack(SAMPLE, new Uint8Array(3).buffer)).toThrow('not a Folio pack (bad magic)')
    const other = packSchema()('other', 7, { a: { type: 'u8', about: 'bytes' } })
    expect(() => new Pack(other, sample())).toThrow('a sample pack, not the other pack expected')
    expect(() => new Pack({ ...SAMPLE, format: 8 }, sample())).toThrow('a pack of index format 7; this worker reads format 8')
    const retyped = { ...SAMPLE, sections: { ...SAMPLE.sections, a: { type: 'u32', about: 'not bytes' } } } as const
    expect(() => new Pack(retyped, sample()).get('a')).toThrow('the pack has no u32 section a')
  })

  it('refuses to write a section of another type than its schema says', () => {
    const built = { words: Uint8Array.of(1) } as unknown as { words: string[] }
    const one = packSchema()('one', 1, { words: { type: 'strings', about: 'words' } })
    expect(() => encodePack(one, built, {})).toThrow('folio: pack one section words is u8, not strings')
  })

  it('refuses a section that runs past the end of a truncated pack', () => {
    const bytes = sample()
    const pack = new Pack(SAMPLE, bytes.slice(0, bytes.length - 16))
    expect(() => pack.get('words')).toThrow('the pack has no strings section words')
    expect([...pack.get('a')]).toEqual([1, 2, 3])
  })
})

describe('pack, for any sections (properties)', () => {
  const ANY = packSchema<{ n: number }>()('any', 1, {
    bytes: { type: 'u8', about: '' }, shorts: { type: 'u16', about: '' }, ints: { type: 'u32', about: '' }, floats: { type: 'f64', about: '' }, words: { type: 'strings', about: '' },
  })

  it('reads back what it wrote', () => {
    fc.assert(fc.property(
      fc.uint8Array(), fc.uint16Array(), fc.uint32Array(), fc.float64Array({ noNaN: true }),
      fc.array(fc.string().filter((w) => !w.includes('\n')).map((w) => w.replace(/[\uD800-\uDFFF]/g, ''))), fc.integer(),
      (bytes, shorts, ints, floats, words, n) => {
        const pack = new Pack(ANY, encodePack(ANY, { bytes, shorts, ints, floats, words }, { n }))
        expect([[...pack.get('bytes')], [...pack.get('shorts')], [...pack.get('ints')], [...pack.get('floats')], pack.get('words'), [...pack.list('words')], pack.meta])
          .toEqual([[...bytes], [...shorts], [...ints], [...floats], words, words, { n }])
      },
    ), properties(300))
  })
})
