/**
 * A paged index built from a corpus folder into a temporary folder, and
 * loaded as the worker loads it (files read from disk instead of the ASSETS
 * binding). Built once per corpus per test file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildIndex } from '../../index/build'
import { loadIndex, type LoadedIndex } from '../../src/library'
import type { CacheOptions, ReadAsset } from '../../src/store/cache'
import { tempDir } from './temp'

const built = new Map<string, Promise<string>>()

/** The folder of an index built from `corpus` (default: the shipped corpus), its postings cut into pages of `streamPageBytes` (default: the build's). */
export function indexFolder(corpus = 'corpus', streamPageBytes?: number): Promise<string> {
  const key = `${corpus}\u0000${streamPageBytes ?? ''}`
  let dir = built.get(key)
  if (!dir) {
    const out = tempDir('folio-test-index-')
    dir = buildIndex({ corpus, out, target: 'unlimited', builtAt: new Date(0), cache: false, ...(streamPageBytes && { streamPageBytes }) }).then((r) => {
      if (!r.manifest) throw new Error(`test index: ${corpus} has errors: ${JSON.stringify(r.diagnostics)}`)
      return out
    })
    built.set(key, dir)
  }
  return dir
}

/** Reads index files from a folder, as the ASSETS binding would serve them. */
export function readFrom(dir: string): ReadAsset {
  return async (path) => {
    try {
      return new Response(readFileSync(join(dir, path.replace(/^index\//, ''))))
    } catch {
      return new Response('not found', { status: 404 })
    }
  }
}

/** The index of `corpus`, loaded. */
export async function loadedIndex(corpus = 'corpus', options?: CacheOptions): Promise<LoadedIndex> {
  return loadIndex(readFrom(await indexFolder(corpus)), options)
}

/** The shipped index (postings cut into pages of `streamPageBytes`), its page reads held until `release` (the files read at load are not held). */
export async function heldIndex(streamPageBytes?: number) {
  const read = readFrom(await indexFolder('corpus', streamPageBytes))
  const held: (() => void)[] = []
  let holding = false
  const fetched: string[] = []
  const index = await loadIndex((path) => {
    if (!holding) return read(path)
    fetched.push(path)
    return new Promise((resolve) => held.push(() => resolve(read(path))))
  })
  holding = true
  return { index, fetched, release: () => held.splice(0).forEach((answer) => answer()) }
}
