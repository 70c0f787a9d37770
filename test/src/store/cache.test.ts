import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { DecodedCache, IndexUnavailableError, Limiter, PageCache } from '../../../src/store/cache'

/** Files served from memory, counting the reads. */
function served(files: Record<string, Uint8Array>) {
  const reads: string[] = []
  const read = async (path: string) => {
    reads.push(path)
    await new Promise((r) => setTimeout(r, 1))
    const bytes = files[path]
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('not found', { status: 404 })
  }
  return { reads, read }
}

describe('PageCache', () => {
  it('fetches a page once, however many ask for it at the same time', async () => {
    const { reads, read } = served({ a: new Uint8Array(10) })
    const cache = new PageCache(read)
    await Promise.all([cache.bytesOf('a', 10), cache.bytesOf('a', 10), cache.bytesOf('a', 10)])
    await cache.bytesOf('a', 10)
    expect(reads).toEqual(['a'])
  })

  it('keeps pages up to its byte budget, dropping the least recently used first', async () => {
    const { reads, read } = served({ a: new Uint8Array(40), b: new Uint8Array(40), c: new Uint8Array(40) })
    const cache = new PageCache(read, { maxBytes: 100 })
    await cache.bytesOf('a', 40)
    await cache.bytesOf('b', 40)
    await cache.bytesOf('a', 40)
    await cache.bytesOf('c', 40)
    expect(cache.bytes).toBeLessThanOrEqual(100)
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true])
    await cache.bytesOf('b', 40)
    expect(reads).toEqual(['a', 'b', 'c', 'b'])
  })

  it('keeps no more than a smaller budget once resized, the pages used last kept', async () => {
    const { read } = served({ a: new Uint8Array(40), b: new Uint8Array(40) })
    const cache = new PageCache(read, { maxBytes: 100 })
    await cache.bytesOf('a', 40)
    await cache.bytesOf('b', 40)
    cache.resize(50)
    expect(cache.bytes).toBe(40)
    expect([cache.has('a'), cache.has('b')]).toEqual([false, true])
  })

  it('drops a large page before small ones not used since: a page is worth the fetch it saves, whatever its size', async () => {
    const { reads, read } = served({ s1: new Uint8Array(20), s2: new Uint8Array(20), big: new Uint8Array(60), s3: new Uint8Array(20) })
    const cache = new PageCache(read, { maxBytes: 100 })
    for (const [path, size] of [['s1', 20], ['s2', 20], ['big', 60], ['s3', 20]] as const) await cache.bytesOf(path, size)
    expect([cache.has('s1'), cache.has('s2'), cache.has('big'), cache.has('s3')]).toEqual([true, true, false, true])
    // Read again, it is kept (the page just read never goes), and the small page used longest ago makes room.
    await cache.bytesOf('big', 60)
    expect([cache.has('s1'), cache.has('s2'), cache.has('big'), cache.has('s3')]).toEqual([false, true, true, true])
    expect(cache.bytes).toBeLessThanOrEqual(100)
    expect(reads).toEqual(['s1', 's2', 'big', 's3', 'big'])
  })

  it('drops a page worth less before pages of its size used longer ago', async () => {
    const { reads, read } = served({ a: new Uint8Array(40), cheap: new Uint8Array(40), c: new Uint8Array(40) })
    const cache = new PageCache(read, { maxBytes: 100 })
    await cache.bytesOf('a', 40)
    await cache.bytesOf('cheap', 40, 0.1)
    await cache.bytesOf('c', 40)
    expect([cache.has('a'), cache.has('cheap'), cache.has('c')]).toEqual([true, false, true])
    expect(reads).toEqual(['a', 'cheap', 'c'])
  })

  it('counts a decoded form in its page’s weight', async () => {
    const { read } = served({ a: new Uint8Array(10), b: new Uint8Array(20) })
    const cache = new PageCache(read, { maxBytes: 100 })
    expect(await cache.decodedOf('a', 10, (bytes) => bytes.length * 2, () => 80)).toBe(20)
    expect(cache.bytes).toBe(90)
    await cache.bytesOf('b', 20)
    expect(cache.has('a')).toBe(false)
  })

  it('checks a file against the hash in its name the first time it reads it, not again once evicted', async () => {
    const named = (bytes: Uint8Array) => `units.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`
    const [a, b] = [new Uint8Array(40).fill(1), new Uint8Array(40).fill(2)]
    const { reads, read } = served({ [named(a)]: a, [named(b)]: b, [named(a).replace('units', 'other')]: b })
    const cache = new PageCache(read, { maxBytes: 50 })
    const digest = vi.spyOn(crypto.subtle, 'digest')
    try {
      await cache.bytesOf(named(a), 40)
      await cache.bytesOf(named(b), 40)
      await cache.bytesOf(named(a), 40)
      expect(reads).toEqual([named(a), named(b), named(a)])
      expect(digest).toHaveBeenCalledTimes(2)
      await expect(cache.bytesOf(named(a).replace('units', 'other'), 40)).rejects.toThrow('its bytes do not match the hash in its name')
    } finally {
      digest.mockRestore()
    }
  })

  it('says which file is missing or truncated, and does not keep the failure', async () => {
    const files: Record<string, Uint8Array> = { short: new Uint8Array(5) }
    const { read } = served(files)
    const cache = new PageCache(read)
    await expect(cache.bytesOf('gone', 10)).rejects.toThrow(new IndexUnavailableError('folio: index file gone is missing (HTTP 404); rebuild the index'))
    await expect(cache.bytesOf('short', 10)).rejects.toThrow('folio: index file short is 5 bytes, not the 10 the index records; rebuild the index')
    files['gone'] = new Uint8Array(10)
    expect((await cache.bytesOf('gone', 10)).length).toBe(10)
  })

  it('says which file does not decode, and reads it again next time', async () => {
    const files: Record<string, Uint8Array> = { page: Uint8Array.of(0, 0) }
    const { reads, read } = served(files)
    const cache = new PageCache(read)
    const decode = (bytes: Uint8Array) => {
      if (bytes[0] !== 1) throw new Error('not a Folio pack (bad magic)')
      return 'decoded'
    }
    await expect(cache.decodedOf('page', 2, decode)).rejects.toThrow(new IndexUnavailableError('folio: index file page is corrupt (not a Folio pack (bad magic)); rebuild the index'))
    expect([cache.has('page'), cache.bytes]).toEqual([false, 0])
    files['page'] = Uint8Array.of(1, 0)
    expect(await cache.decodedOf('page', 2, decode)).toBe('decoded')
    expect(reads).toEqual(['page', 'page'])
  })
})

describe('DecodedCache', () => {
  it('keeps values up to its byte budget, least recently used out first, and none bigger than a quarter of it', () => {
    const cache = new DecodedCache(100)
    cache.set('a', 1, 20)
    cache.set('b', 2, 20)
    expect(cache.get('a')).toBe(1)
    for (const key of ['c', 'd', 'e']) cache.set(key, key, 25)
    expect([cache.get('a'), cache.get('b'), cache.get('e')]).toEqual([1, undefined, 'e'])
    expect(cache.bytes).toBe(95)
    cache.set('big', 0, 26)
    expect(cache.get('big')).toBeUndefined()
  })

  it('says what it refused, tells what it evicts, and gives up what is taken without telling', () => {
    const cache = new DecodedCache(100)
    const evicted: string[] = []
    expect(cache.set('big', 0, 26)).toBe(false)
    for (const key of ['a', 'b', 'c']) expect(cache.set(key, key, 25, () => evicted.push(key))).toBe(true)
    expect(cache.take('b')).toBe('b')
    expect([cache.bytes, cache.has('b'), cache.take('b')]).toEqual([50, false, undefined])
    for (const key of ['d', 'e', 'f', 'g']) cache.set(key, key, 25, () => evicted.push(key))
    expect(evicted).toEqual(['a', 'c'])
  })
})

describe('DecodedCache.kept', () => {
  it('makes a value once while it is kept, an undefined one too', async () => {
    const cache = new DecodedCache(100)
    let made = 0
    const make = async () => (made++, undefined)
    expect([await cache.kept('a', make, () => 10), await cache.kept('a', make, () => 10)]).toEqual([undefined, undefined])
    expect([made, cache.bytes]).toEqual([1, 10])
    expect(await cache.kept('b', async () => 'b', () => 20)).toBe('b')
    expect(await cache.kept('b', async () => 'other', () => 20)).toBe('b')
  })
})

describe('Limiter', () => {
  it('runs at most its limit of tasks at once, the others in turn', async () => {
    const limiter = new Limiter(6)
    let running = 0
    let most = 0
    const done = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(async () => {
      most = Math.max(most, ++running)
      await new Promise((r) => setTimeout(r, 2))
      running--
      return i
    })))
    expect(most).toBe(6)
    expect(done).toEqual([...Array(20).keys()])
  })
})
