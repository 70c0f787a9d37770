/**
 * One cold load, in a fresh process: `node --expose-gc --import tsx
 * bench/cold.ts ENGINE DIR QUERY` reads the serialized index from DIR, loads
 * it and answers QUERY, then prints what that took as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { engine } from './engines'
import { heapBytes } from './stats'

const [name, dir, query] = process.argv.slice(2) as [string, string, string]
const before = await heapBytes()
const started = performance.now()
const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]))
const searcher = await engine(name).load(files)
const hits = await searcher.search(query, 10)
const ms = performance.now() - started
process.stdout.write(JSON.stringify({ ms, bytes: (await heapBytes()) - before, hits: hits.length }) + '\n')
