/**
 * Benchmark corpora of any size that read like real text, written to disk as
 * FRUS TEI volumes so that the benchmark builds them as a user would.
 *
 * Paragraphs are real: the shipped FRUS volume's and the English prose of
 * this machine (bench/prose.ts), drawn in a seeded order without repeats
 * until the pool runs out. Up to there, the corpus's vocabulary is real text's.
 * Past it, paragraphs come round again, and their rare words (those the pool
 * holds three times or fewer: names, numbers, identifiers, the long tail
 * that makes a vocabulary grow) are replaced: by new words, made by a
 * character model of the pool's words, as often as Heaps' law fitted on the
 * real stream says new words appear at that size; otherwise by new words
 * already used, chosen in proportion to their use (so that they recur as rare
 * words do). Phrases stay real; the vocabulary keeps growing as real text's does.
 *
 * Documents take 3 to 20 paragraphs, with a title, a dated dateline, notes
 * (short paragraphs, cited where they stand) and page breaks every couple
 * of thousand characters; volumes hold about 3 MB of text, with a persons
 * list whose names the editors "tagged" on capitalized words of the text.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCorpus } from '../index/corpus'
import type { Document } from '../src/model'
import { tokenize } from '../src/text'
import { prosePool, type ProsePool } from './prose'
import { random, shuffle } from './random'

/** Bumped when the generator changes what it writes. */
const VERSION = 2
const VOLUME_TEXT = 3e6
const PLACES = ['Washington', 'Tokyo', 'Moscow', 'London', 'Paris', 'Bonn', 'Saigon', 'New Delhi', 'Geneva', 'New York']
const FORENAMES = ['John', 'Mary', 'Dean', 'Robert', 'Anne', 'William', 'Helen', 'George', 'Alexei', 'Kiichi', 'Walt', 'Maria', 'Hans', 'Pierre']

/** Total characters of unit text. */
export function textSize(documents: readonly Document[]): number {
  return documents.reduce((n, d) => n + d.units.reduce((m, u) => m + u.text.length, 0), 0)
}

export interface GeneratedCorpus {
  dir: string
  /** Characters of text in paragraphs, notes and titles. */
  textBytes: number
  documents: number
  volumes: number
  /** Distinct words (folded) as the text grew: [characters, words]. */
  vocabulary: [number, number][]
  /** Heaps' law fitted on the real stream: words = k · characters^beta. */
  heaps: { k: number; beta: number }
  /** Characters of the corpus that are real paragraphs unchanged. */
  realBytes: number
  pool: { paragraphs: number; bytes: number; sources: Record<string, number> }
}

/** The corpus of about `size` characters of text, generated into `cache` (or read back from it). */
export async function generateCorpus(size: number, cache: string, seed = 1): Promise<GeneratedCorpus> {
  const pool = prosePool(cache)
  const frus = (await readCorpus('corpus')).documents.flatMap((d) => d.units.filter((u) => u.kind === 'paragraph' || u.kind === 'footnote').map((u) => u.text))
  const paragraphs = [...frus, ...pool.paragraphs]
  const key = createHash('sha256').update(`${VERSION}\n${size}\n${seed}\n${paragraphs.length}\n${paragraphs.at(-1)}`).digest('hex').slice(0, 12)
  const dir = join(cache, 'corpora', `${size}-${key}`)
  const about = join(dir, '.corpus.json')
  if (existsSync(about)) return JSON.parse(readFileSync(about, 'utf8')) as GeneratedCorpus
  const staging = `${dir}.tmp`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  const result = new Generator(paragraphs, pool, seed).write(staging, size)
  writeFileSync(join(staging, '.corpus.json'), JSON.stringify({ ...result, dir }))
  rmSync(dir, { recursive: true, force: true })
  renameSync(staging, dir)
  return { ...result, dir }
}

class Generator {
  readonly rand: () => number
  /** How many times the pool holds each word. */
  readonly poolCounts = new Map<string, number>()
  readonly novel: string[] = []
  readonly novelCounts: number[] = []
  #novelTotal = 0
  readonly model: CharacterModel

  constructor(
    readonly paragraphs: string[],
    readonly pool: ProsePool,
    seed: number,
  ) {
    this.rand = random(seed)
    for (const p of paragraphs) for (const t of tokenize(p)) this.poolCounts.set(t.word, (this.poolCounts.get(t.word) ?? 0) + 1)
    this.model = new CharacterModel([...this.poolCounts.keys()].filter((w) => /^[a-z]{4,14}$/.test(w)), this.rand)
  }

  write(dir: string, size: number): Omit<GeneratedCorpus, 'dir'> {
    const seen = new Set<string>()
    const vocabulary: [number, number][] = []
    let checkpoint = 2 ** 20
    let bytes = 0
    let realBytes = 0
    let heaps: { k: number; beta: number } | undefined
    let pass = 0
    let order: number[] = []
    let next = 0
    const nextParagraph = (): string => {
      if (next === order.length) {
        if (pass === 1) heaps = fitHeaps(vocabulary)
        pass++
        order = shuffle([...this.paragraphs.keys()], this.rand)
        next = 0
      }
      let text = this.paragraphs[order[next++]!]!
      if (pass > 1) text = this.#renew(text, seen.size, heaps!, bytes)
      else realBytes += text.length
      for (const t of tokenize(text)) seen.add(t.word)
      bytes += text.length
      while (bytes >= checkpoint) {
        vocabulary.push([checkpoint, seen.size])
        checkpoint *= 2
      }
      return text
    }

    let volumes = 0
    let documents = 0
    while (bytes < size) {
      volumes++
      const volume = new VolumeWriter(`synth-v${String(volumes).padStart(4, '0')}`, 1940 + (volumes % 50), this.rand, this.model)
      const start = bytes
      while (bytes - start < VOLUME_TEXT && bytes < size) {
        documents++
        const count = 3 + Math.floor(this.rand() * 18)
        const body = Array.from({ length: count }, nextParagraph)
        const notes: string[] = []
        while (this.rand() < 0.5 && notes.length < 4) notes.push(shortest(nextParagraph(), nextParagraph()))
        const title = firstSentence(nextParagraph())
        volume.document(title, body, notes)
      }
      writeFileSync(join(dir, `${volume.id}.xml`), volume.finish())
    }
    vocabulary.push([bytes, seen.size])
    const poolBytes = this.pool.paragraphs.reduce((n, p) => n + p.length, 0)
    return {
      textBytes: bytes,
      documents,
      volumes,
      vocabulary,
      heaps: heaps ?? fitHeaps(vocabulary),
      realBytes,
      pool: { paragraphs: this.paragraphs.length, bytes: poolBytes, sources: this.pool.sources },
    }
  }

  /** A paragraph drawn again, its rare words replaced by new ones (as many as Heaps' law wants) or recurring new ones. */
  #renew(text: string, words: number, heaps: { k: number; beta: number }, bytes: number): string {
    let deficit = Math.round(heaps.k * (bytes + text.length) ** heaps.beta) - words
    let out = ''
    let at = 0
    for (const t of tokenize(text)) {
      if ((this.poolCounts.get(t.word) ?? 0) > 3 || !/^\p{L}/u.test(t.word)) continue
      let word: string
      if (deficit > 0 || this.novel.length === 0) {
        word = this.model.fresh(this.poolCounts)
        this.novel.push(word)
        this.novelCounts.push(1)
        this.#novelTotal++
        deficit--
      } else {
        // Preferential attachment: a new word recurs in proportion to its use so far.
        let pick = this.rand() * this.#novelTotal
        let i = 0
        while (pick >= this.novelCounts[i]!) pick -= this.novelCounts[i++]!
        this.novelCounts[i]!++
        this.#novelTotal++
        word = this.novel[i]!
      }
      const written = text.slice(t.start, t.end)
      out += text.slice(at, t.start) + (/^\p{Lu}/u.test(written) ? word[0]!.toUpperCase() + word.slice(1) : word)
      at = t.end
    }
    return out + text.slice(at)
  }
}

/** Heaps' law by least squares on log-log points (from 1 MB on). */
function fitHeaps(points: readonly [number, number][]): { k: number; beta: number } {
  const xs = points.map(([n]) => Math.log(n))
  const ys = points.map(([, v]) => Math.log(v))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let num = 0
  let den = 0
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my)
    den += (x - mx) ** 2
  })
  const beta = den === 0 ? 0.5 : num / den
  return { k: Math.exp(my - beta * mx), beta }
}

function shortest(a: string, b: string): string {
  return a.length <= b.length ? a : b
}

function firstSentence(p: string): string {
  const end = p.search(/[.!?](\s|$)/)
  const sentence = end > 20 ? p.slice(0, end) : p
  return sentence.length > 150 ? `${sentence.slice(0, sentence.lastIndexOf(' ', 150))}` : sentence
}

/** New words that read like the pool's: an order-3 character model of its words. */
class CharacterModel {
  readonly #next = new Map<string, string>()
  readonly #made = new Set<string>()

  constructor(
    words: readonly string[],
    readonly rand: () => number,
  ) {
    for (const w of words) {
      const s = `^^^${w}$`
      for (let i = 3; i < s.length; i++) {
        const context = s.slice(i - 3, i)
        this.#next.set(context, (this.#next.get(context) ?? '') + s[i])
      }
    }
  }

  /** A word neither the pool nor this model has given before. */
  fresh(pool: ReadonlyMap<string, number>): string {
    for (;;) {
      let s = '^^^'
      while (s.length < 20) {
        const options = this.#next.get(s.slice(-3))
        if (!options) break
        const c = options[Math.floor(this.rand() * options.length)]!
        if (c === '$') break
        s += c
      }
      const word = s.slice(3)
      if (word.length >= 4 && word.length <= 16 && !pool.has(word) && !this.#made.has(word)) {
        this.#made.add(word)
        return word
      }
    }
  }
}

/** Text as XML character data. */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** One TEI volume, written as documents come. */
class VolumeWriter {
  readonly #parts: string[] = []
  readonly #persons: { id: string; name: string; surname: string }[] = []
  #documents = 0
  #page = 1
  #sinceBreak = 0

  constructor(
    readonly id: string,
    readonly year: number,
    readonly rand: () => number,
    model: CharacterModel,
  ) {
    for (let i = 0; i < 40; i++) {
      const surname = model.fresh(new Map())
      const capitalized = surname[0]!.toUpperCase() + surname.slice(1)
      this.#persons.push({ id: `p_${i + 1}`, name: `${capitalized}, ${FORENAMES[i % FORENAMES.length]}`, surname: capitalized })
    }
  }

  document(title: string, paragraphs: readonly string[], notes: readonly string[]): void {
    const n = ++this.#documents
    if (n % 25 === 1) {
      if (n > 1) this.#parts.push('</div>')
      this.#parts.push(`<div type="chapter"><head>Chapter ${Math.ceil(n / 25)}</head>`)
    }
    const month = 1 + Math.floor(this.rand() * 12)
    const day = 1 + Math.floor(this.rand() * 28)
    const date = `${this.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const place = PLACES[Math.floor(this.rand() * PLACES.length)]!
    const out = [`<div type="document" n="${n}" xml:id="d${n}"><head>${n}. ${escapeXml(title)}</head>`,
      `<dateline><placeName>${place}</placeName>, <date when="${date}">${date}</date>.</dateline>`]
    const cited = paragraphs.map(() => [] as number[])
    notes.forEach((_, k) => cited[Math.floor(this.rand() * paragraphs.length)]!.push(k))
    paragraphs.forEach((p, i) => out.push(`<p>${this.#text(p)}${cited[i]!.map((k) => `<note n="${k + 1}">${escapeXml(notes[k]!)}</note>`).join('')}</p>`))
    out.push('</div>')
    this.#parts.push(out.join('\n'))
  }

  /** A paragraph's text: escaped, with page breaks where pages fill and some capitalized words tagged as persons. */
  #text(p: string): string {
    let out = ''
    let at = 0
    for (const t of tokenize(p)) {
      const written = p.slice(t.start, t.end)
      const tag = t.start > 0 && /^\p{Lu}\p{Ll}/u.test(written) && this.rand() < 0.05
      const breaks = this.#sinceBreak + (t.start - at) > 2500
      out += escapeXml(p.slice(at, t.start))
      if (breaks) {
        this.#page++
        this.#sinceBreak = 0
        out += `<pb n="${this.#page}"/>`
      }
      const person = this.#persons[Math.floor(this.rand() * this.#persons.length)]!
      out += tag ? `<persName corresp="#${person.id}">${escapeXml(written)}</persName>` : escapeXml(written)
      this.#sinceBreak += t.end - at
      at = t.end
    }
    return out + escapeXml(p.slice(at))
  }

  finish(): string {
    if (this.#documents > 0) this.#parts.push('</div>')
    const persons = this.#persons.map((p) => `<item><hi rend="strong"><persName xml:id="${p.id}">${p.name}</persName>,</hi> official of the synthetic ministry</item>`)
    return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="${this.id}">
<teiHeader><fileDesc><titleStmt><title type="complete">Benchmark volume ${this.id}</title></titleStmt></fileDesc></teiHeader>
<text>
<front><div type="section" xml:id="persons"><head>Persons</head><list type="names">
${persons.join('\n')}
</list></div></front>
<body>
${this.#parts.join('\n')}
</body>
</text>
</TEI>
`
  }
}
