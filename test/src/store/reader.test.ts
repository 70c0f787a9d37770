import { describe, expect, it } from 'vitest'
import { heldIndex } from '../../support/paged-index'

describe('PageReader', () => {
  it("joins a page another request is fetching, as a read from memory, not a fetch of its own", async () => {
    const { index, fetched, release } = await heldIndex()
    const [a, b] = [index.open(), index.open()]
    const first = a.reader.bytes('units', 0)
    const second = b.reader.bytes('units', 0)
    expect(a.reader.isCached('units', 0)).toBe(true)
    release()
    expect(await second).toBe(await first)
    expect([a.reader.fetched, b.reader.fetched]).toEqual([1, 0])
    expect(fetched).toHaveLength(1)
  })

  it('reads a page asked for twice while it waits for a connection once: the second ask holds no connection of its own', async () => {
    const { index, fetched, release } = await heldIndex(4096)
    const reader = index.open().reader
    const reads = [0, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11].map((p) => reader.bytes('postings', p))
    expect(fetched).toHaveLength(6)
    release()
    await new Promise((r) => setTimeout(r, 20))
    // The second round is the next six pages; a second task for page 6 would have taken a connection and left page 11 for a third.
    expect(fetched).toHaveLength(12)
    release()
    await Promise.all(reads)
    expect(reader.fetched).toBe(12)
  })

  it('is settled once every fetch it started has ended, those nobody waits for too', async () => {
    const { index, release } = await heldIndex()
    const library = index.open()
    void library.reader.bytes('units', 0)
    let settled = false
    const settling = library.reader.settled().then(() => (settled = true))
    await new Promise((r) => setTimeout(r, 10))
    expect(settled).toBe(false)
    release()
    await settling
    expect(settled).toBe(true)
    expect(index.cache.has(library.reader.table.page('units', 0).path)).toBe(true)
  })
})
