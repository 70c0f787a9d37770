/**
 * Where the build puts the index files: each file named by its kind and its
 * content's hash (`postings.3f2a….bin`), so that a file never changes once
 * written and a new build never touches a file an older worker still reads.
 * Files land in a staging folder first; {@link IndexOutput.commit} moves them
 * into place only when the whole index is written.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16)
}

/** A file of an earlier build (any content-hashed name), removed once the new index is in place. */
const HASHED_FILE = /^[a-z]+\.[0-9a-f]{16}(\.\d+)?\.(bin|txt|json)$/

export class IndexOutput {
  /** File names in the order written, by kind. */
  readonly files = new Map<string, string[]>()
  /** Each file's size, by name. */
  readonly sizes = new Map<string, number>()
  raw = 0
  gzip = 0
  readonly #staging: string

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true })
    this.#staging = join(dir, `.staging-${process.pid}`)
    rmSync(this.#staging, { recursive: true, force: true })
    mkdirSync(this.#staging)
  }

  /** Writes `bytes` as a file of `kind`, returning its name. */
  write(kind: string, bytes: Uint8Array, extension = 'bin'): string {
    const name = `${kind}.${contentHash(bytes)}.${extension}`
    this.#record(kind, name, bytes.byteLength)
    this.gzip += gzipSync(bytes, { level: 1 }).byteLength
    if (!this.#exists(name)) writeFileSync(join(this.#staging, name), bytes)
    return name
  }

  /** Takes a file written by an earlier build (kept in the build cache) without reading it again. */
  adopt(kind: string, path: string, name: string, gzip: number): void {
    this.#record(kind, name, statSync(path).size)
    this.gzip += gzip
    if (this.#exists(name)) return
    try {
      linkSync(path, join(this.#staging, name))
    } catch {
      // Another file system: copy instead.
      copyFileSync(path, join(this.#staging, name))
    }
  }

  #record(kind: string, name: string, size: number): void {
    let list = this.files.get(kind)
    if (!list) this.files.set(kind, (list = []))
    list.push(name)
    if (!this.sizes.has(name)) this.raw += size
    this.sizes.set(name, size)
  }

  #exists(name: string): boolean {
    return existsSync(join(this.#staging, name)) || existsSync(join(this.dir, name))
  }

  get count(): number {
    return this.sizes.size
  }

  /**
   * Moves the staged files into place, then the manifest (the one file whose
   * name is fixed), then removes files of earlier builds: a worker reading the
   * folder meanwhile sees the old index or the new one, never half of either.
   */
  commit(manifestName: string, manifest: string): void {
    for (const name of readdirSync(this.#staging)) renameSync(join(this.#staging, name), join(this.dir, name))
    writeFileSync(join(this.#staging, manifestName), manifest)
    renameSync(join(this.#staging, manifestName), join(this.dir, manifestName))
    rmSync(this.#staging, { recursive: true })
    for (const old of readdirSync(this.dir)) {
      if (HASHED_FILE.test(old) && !this.sizes.has(old)) rmSync(join(this.dir, old))
    }
  }

  /** Drops everything staged: the build failed and the folder keeps its earlier index. */
  abandon(): void {
    rmSync(this.#staging, { recursive: true, force: true })
  }
}

/**
 * A byte stream cut into files of `pageBytes` (the last one shorter): the
 * postings or positions of every term laid end to end, addressed by offset.
 */
export class PagedStream {
  #buffer: Uint8Array
  #filled = 0
  #offset = 0
  #lastKey = ''
  /**
   * Per page, the last key appended (in ascending key order) that starts on it or on a page before: the first page whose key is not
   * below a key is the page that key starts on, found without its offset.
   */
  readonly pageKeys: string[] = []

  constructor(
    readonly output: IndexOutput,
    readonly kind: string,
    readonly pageBytes: number,
  ) {
    this.#buffer = new Uint8Array(pageBytes)
  }

  /** Appends `bytes` under `key` (for {@link pageKeys}), returning the offset they start at. */
  append(bytes: Uint8Array, key: string): number {
    const at = this.#offset
    this.#lastKey = key
    let from = 0
    while (from < bytes.length) {
      const n = Math.min(bytes.length - from, this.pageBytes - this.#filled)
      this.#buffer.set(bytes.subarray(from, from + n), this.#filled)
      this.#filled += n
      from += n
      if (this.#filled === this.pageBytes) this.#flush()
    }
    this.#offset += bytes.length
    return at
  }

  get length(): number {
    return this.#offset
  }

  #flush(): void {
    this.output.write(this.kind, this.#buffer.subarray(0, this.#filled))
    this.pageKeys.push(this.#lastKey)
    this.#filled = 0
  }

  /** Writes the last, partial file. */
  finish(): void {
    if (this.#filled > 0) this.#flush()
    if (!this.output.files.has(this.kind)) this.output.files.set(this.kind, [])
  }
}
