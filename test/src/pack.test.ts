import { describe, expect, it } from 'vitest'
import { encodePack, Pack } from '../../src/pack'

describe('pack', () => {
  it('reads back every section and the meta as written', () => {
    const bytes = encodePack({
      a: Uint8Array.of(1, 2, 3),
      b: Uint16Array.of(65535, 7),
      c: Uint32Array.of(4_000_000_000),
      d: Float64Array.of(1.5),
      words: ['Argüello', '', 'x'],
      empty: [],
      one: [''],
    }, { note: 'meta' })
    const pack = new Pack<{ note: string }>(bytes.slice().buffer)
    expect(pack.meta).toEqual({ note: 'meta' })
    expect([...pack.array('a', 'u8')]).toEqual([1, 2, 3])
    expect([...pack.array('b', 'u16')]).toEqual([65535, 7])
    expect([...pack.array('c', 'u32')]).toEqual([4_000_000_000])
    expect([...pack.array('d', 'f64')]).toEqual([1.5])
    expect(pack.strings('words')).toEqual(['Argüello', '', 'x'])
    expect(pack.strings('empty')).toEqual([])
    expect(pack.strings('one')).toEqual([''])
  })

  it('refuses what is not a pack, or a section of another type', () => {
    expect(() => new Pack(new Uint8Array(16).buffer)).toThrow('folio: not a Folio pack (bad magic)')
    const pack = new Pack(encodePack({ a: Uint8Array.of(1) }, null).slice().buffer)
    expect(() => pack.array('a', 'u32')).toThrow('folio: the pack has no u32 section a')
    expect(() => pack.strings('missing')).toThrow('folio: the pack has no strings section missing')
  })
})
