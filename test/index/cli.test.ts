import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'index/cli.ts', ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: '0' } })
    return { code: 0, stdout, stderr }
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }
  }
}
const temp = () => mkdtempSync(join(tmpdir(), 'folio-cli-'))

describe('npm run build:index', () => {
  it('builds the shipped corpus and prints what went in', async () => {
    const out = temp()
    const { code, stdout } = await run('--out', out)
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
    expect(readdirSync(out).sort()).toEqual([
      expect.stringMatching(/^documents\.[0-9a-f]{16}\.json$/), 'manifest.json',
      expect.stringMatching(/^pack\.[0-9a-f]{16}\.bin$/), expect.stringMatching(/^text\.[0-9a-f]{16}\.txt$/),
    ])
  })

  it('builds the same bytes twice', async () => {
    const [a, b] = [temp(), temp()]
    await run('--out', a)
    await run('--out', b)
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

  it('prints warnings with file and line and still builds', async () => {
    const corpus = temp()
    writeFileSync(join(corpus, 'a.txt'), '1. Title\n\nThe treaty3 is signed.\n  1. Note.')
    const { code, stderr, stdout } = await run('--corpus', corpus, '--out', temp())
    expect(code).toBe(0)
    expect(stderr).toMatch(/a\.txt:3: warning: footnote marker 3 has no note; kept as text/)
    expect(stdout).toContain('warnings    2')
    expect(stdout).toMatch(/\(no volume\) +1 +0 +1 +0 +1 +1 +0 +3/)
  })

  it('refuses an empty corpus, a missing folder and an unknown option', async () => {
    expect((await run('--corpus', temp(), '--out', temp())).stderr).toMatch(/no documents in/)
    expect((await run('--corpus', '/nonexistent', '--out', temp())).code).toBe(1)
    const bad = await run('--bogus')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('usage: npm run build:index')
  })
}, 60_000)
