import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'

const runWith = async (env: Record<string, string>, ...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'index/cli.ts', ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: '0', ...env } })
    return { code: 0, stdout, stderr }
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }
  }
}
const run = (...args: string[]) => runWith({}, ...args)
const temp = () => tempDir('folio-cli-')

describe('npm run build:index', () => {
  it('builds the shipped corpus and prints what went in', async () => {
    const out = temp()
    const { code, stdout } = await run('--out', out, '--no-cache')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Folio index [0-9a-f]{16} written to .* \(2 files read, 0 skipped\)\n/)
    const table = stdout.split('\n').slice(1, 5).map((l) => l.trim().split(/\s{2,}/))
    expect(table).toEqual([
      ['volume', 'documents', 'sections', 'titles', 'head lines', 'paragraphs', 'footnotes', 'pages', 'units'],
      ['frus1964-68v29p2', '140', '6', '146', '317', '2211', '436', '365', '3110'],
      ['frus1989-92v31', '1', '0', '1', '2', '26', '2', '4', '31'],
      ['total', '141', '6', '147', '319', '2237', '438', '369', '3141'],
    ])
    expect(stdout).toContain('warnings    0')
    expect(stdout).toMatch(/index size {2}[\d.]+ [KM]B raw, [\d.]+ [KM]B gzip/)
    expect(stdout).toMatch(/time {8}[\d.]+ s/)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const files = readdirSync(out).filter((f) => f !== 'manifest.json')
    expect(files).toHaveLength(manifest.files)
    for (const f of files) expect(f).toMatch(/^(resident|lexicon|completions|postings|positions|units|documents|terms|people)\.[0-9a-f]{16}\.(bin|json)$/)
    expect(files).toContain(manifest.resident)
  })

  it('leaves an index built from the same files by the same code as it is', async () => {
    const out = temp()
    await run('--out', out, '--no-cache')
    const again = await run('--out', out, '--no-cache')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^Folio index [0-9a-f]{16} in .* is up to date \(2 files unchanged\)\n$/)
  })

  it('takes the corpus and the target from the environment, as wrangler runs it', async () => {
    const [corpus, out] = [temp(), temp()]
    writeFileSync(join(corpus, 'a.txt'), '1. First\n\nText of the first document.')
    const { code, stdout } = await runWith({ FOLIO_CORPUS: corpus, FOLIO_TARGET: 'workers-paid' }, '--out', out, '--no-cache')
    expect(code).toBe(0)
    expect(stdout).toContain('(1 files read, 0 skipped)')
    expect(stdout).toContain('100,000')
    const wrong = await runWith({ FOLIO_TARGET: 'workers-gold' }, '--out', out, '--no-cache')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--target must be one of')
  })

  it('reparses only the groups of files that changed, from its cache', async () => {
    const [corpus, cache, out] = [temp(), temp(), temp()]
    writeFileSync(join(corpus, 'a.txt'), '1. First\n\nText of the first document.')
    expect((await run('--corpus', corpus, '--out', out, '--cache', cache)).stdout).toContain('(0 of 1 groups of files reused from the cache)')
    rmSync(join(out, 'manifest.json'))
    expect((await run('--corpus', corpus, '--out', out, '--cache', cache)).stdout).toContain('(1 of 1 groups of files reused from the cache)')
    writeFileSync(join(corpus, 'a.txt'), '1. First\n\nText of the first document, changed.')
    const changed = await run('--corpus', corpus, '--out', out, '--cache', cache)
    expect(changed.stdout).toContain('(0 of 1 groups of files reused from the cache)')
    const names = readdirSync(out)
    expect(names.filter((f) => f.startsWith('units.'))).toHaveLength(1)
  })

  it('builds the same bytes twice', async () => {
    const [a, b] = [temp(), temp()]
    await run('--out', a, '--no-cache')
    await run('--out', b, '--no-cache')
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).toBe(readFileSync(join(b, 'manifest.json'), 'utf8'))
  })

  it('refuses a corpus with an error, naming file and line, and writes nothing', async () => {
    const corpus = temp()
    const out = temp()
    writeFileSync(join(corpus, 'bad.txt'), Buffer.from([0x31, 0x2e, 0x20, 0x41, 0x0a, 0xff]))
    const { code, stderr } = await run('--corpus', corpus, '--out', out)
    expect(code).toBe(1)
    expect(stderr).toMatch(/bad\.txt:2: error: not UTF-8/)
    expect(stderr).toContain('1 error(s)')
    expect(readdirSync(out)).toEqual([])
  })

  it('under wrangler dev (npm start), keeps the last good index served when the corpus breaks, and says why beside it', async () => {
    const corpus = temp()
    const out = temp()
    writeFileSync(join(corpus, 'a.txt'), '1. Good\n\nText.')
    const dev = { FOLIO_KEEP_LAST_GOOD: '1' }
    expect((await runWith(dev, '--corpus', corpus, '--out', out, '--no-cache')).code).toBe(0)
    const good = readFileSync(join(out, 'manifest.json'), 'utf8')

    writeFileSync(join(corpus, 'b.txt'), Buffer.from([0x31, 0x2e, 0x20, 0x41, 0x0a, 0xff]))
    const broken = await runWith(dev, '--corpus', corpus, '--out', out, '--no-cache')
    expect(broken.code).toBe(0)
    expect(broken.stderr).toMatch(/b\.txt:2: error: not UTF-8/)
    expect(broken.stderr).toMatch(/serving the last good index \([0-9a-f]{16}, built .*\) until the corpus is fixed/)
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(good)
    expect(JSON.parse(readFileSync(join(out, 'last-build.json'), 'utf8'))).toEqual({
      failed_at: expect.any(String), corpus, errors: [expect.stringMatching(/b\.txt:2: error: not UTF-8: byte 0xff at offset 5/)],
    })
    // Anywhere else (wrangler deploy, CI), a broken corpus fails the build.
    expect((await run('--corpus', corpus, '--out', out, '--no-cache')).code).toBe(1)

    rmSync(join(corpus, 'b.txt'))
    expect((await runWith(dev, '--corpus', corpus, '--out', out, '--no-cache')).code).toBe(0)
    expect(readdirSync(out)).not.toContain('last-build.json')
  })

  it('prints warnings with file and line and still builds', async () => {
    const corpus = temp()
    writeFileSync(join(corpus, 'a.txt'), '1. Title\n\nThe treaty3 is signed.\n  1. Note.')
    const { code, stderr, stdout } = await run('--corpus', corpus, '--out', temp())
    expect(code).toBe(0)
    expect(stderr).toMatch(/a\.txt:3: warning: footnote marker 3 has no note; kept as text/)
    expect(stdout).toContain('warnings    2')
    expect(stdout).toMatch(/\(no volume\) +1 +0 +1 +0 +1 +1 +0 +3/)
  })

  it('prints each file\'s first 20 warnings and counts the rest, whatever their number (a file of man pages gave 53,000)', async () => {
    const corpus = temp()
    const markers = Array.from({ length: 50 }, (_, i) => `word${i + 2}`).join(' ')
    writeFileSync(join(corpus, 'a.txt'), `1. Title\n\n${markers}\n`)
    const { code, stderr, stdout } = await run('--corpus', corpus, '--out', temp())
    expect(code).toBe(0)
    expect(stderr.match(/a\.txt:3: warning:/g)).toHaveLength(20)
    expect(stderr).toMatch(/a\.txt: 30 more warning\(s\) not shown/)
    expect(stdout).toContain('warnings    50')
  })

  it('refuses an empty corpus, a missing folder and an unknown option', async () => {
    expect((await run('--corpus', temp(), '--out', temp())).stderr).toMatch(/no documents in/)
    expect((await run('--corpus', '/nonexistent', '--out', temp())).code).toBe(1)
    const bad = await run('--bogus')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('usage: npm run build:index')
  })
}, 60_000)
