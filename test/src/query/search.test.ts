import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Library, LoadedIndex } from '../../../src/library'
import { documentCoverage } from '../../../src/query/coverage'
import { parseQuery, QuerySyntaxError } from '../../../src/query/parse'
import { planQuery, queryLimits } from '../../../src/query/plan'
import { search, searchLimits, type SearchLimits, type SearchRequest } from '../../../src/query/search'
import { DOCUMENT_TYPES } from '../../../src/model'
import { tokenize } from '../../../src/text'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadIndex } from '../../../src/library'
import { indexFolder, loadedIndex, readFrom } from '../../support/paged-index'
import { commonWordsCorpus, roundsIndex } from '../../support/rounds'
import { properties, word } from '../../support/property'
import { tempDir } from '../../support/temp'

const request = (q: string): SearchRequest => ({ q, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'https://folio.test' })
/** Limits small enough that the shipped corpus reaches them. */
const tight: SearchLimits = { exhaustive: 500, postings: 20_000, pages: searchLimits.pages, phrasePositions: 600 }

describe('search keeps to its budget, whatever the query', () => {
  let index: LoadedIndex

  beforeAll(async () => {
    index = await loadedIndex()
  })

  /** The postings a query's terms hold. */
  async function postingsOf(q: string) {
    const plan = await planQuery(index.open(), parseQuery(q), false)
    return [...plan.terms.values()].reduce((n, t) => n + t.df, 0)
  }

  /** Runs a query under tight limits and checks what it spent: the budget, and a quarter of it more for the units with some of its words. */
  async function hostile(q: string, limits = tight) {
    const library = index.open()
    const body = await search(library, request(q), limits)
    expect(library.postings.decoded, q).toBeLessThanOrEqual(limits.postings * (body.words > 1 ? 1.25 : 1))
    return body
  }

  it('many prefixes: the expansions past the most a query holds are dropped, and it says so', async () => {
    const q = 'ab* ac* ad* al* an* ap* ar* as* be* bo* ca* ch* co* cr* de* di* ec* el* en* ex* fa* fo* go* gr* ha* in* ja* la* ma* mi* na* no*'
    // A stretch of a hundred terms costs a block of each: the budget must hold a few.
    const body = await hostile(q, { ...tight, postings: 100_000 })
    expect(body.cut).toContain('terms')
    expect(body.partial).toBe(true)
    expect(body.total_relation).toBe('gte')
  })

  it('many prefixes: the skip tables of their expansions take at most half the pages a pass may read, and it says so', async () => {
    // In pages of 4 KB, the shipped corpus's terms spread over pages as those of 1 GB do over 256 KB ones.
    const small = await loadIndex(readFrom(await indexFolder('corpus', 4096)))
    const q = 'ab* ac* ad* al* an* ap* ar* as* be* bo* ca* ch* co* cr* de* di* ec* el* en* ex* fa* fo* go* gr* ha* in* ja* la* ma* mi* na* no*'
    const library = small.open()
    const plan = await planQuery(library, parseQuery(q), false)
    const skipPages = new Set([...plan.terms.values()].flatMap((t) => library.postings.skipPages(t)))
    expect(skipPages.size).toBeLessThanOrEqual(queryLimits.skipPages)
    const body = await search(library, request(q), { ...tight, postings: 100_000 })
    expect(body.cut).toContain('terms')
    expect(body.hits.length).toBe(10)
    // Two passes (every word, then some), each within its pages.
    expect(library.postings.pages.size).toBeLessThanOrEqual(2 * tight.pages)
  })

  it('phrases of common words: checks stop at the budget, and the hits found hold the phrase', async () => {
    const body = await hostile('"of the"')
    expect(body.cut).toContain('phrases')
    expect(body.total_relation).toBe('gte')
    expect(body.hits.length).toBe(10)
    for (const hit of body.hits) expect(hit.snippet_text.toLowerCase()).toMatch(/of the/)
  })

  it('phrases of common words: a candidate costs the positions of every phrase word, so more phrases check fewer candidates', async () => {
    // Under 600 positions, one two-word phrase checks up to 300 candidates; four phrases over five words, 60 in each pass.
    const one = await hostile('"of the"')
    const four = await hostile('"of the" "in the" "to the" "and the"')
    expect(one.total).toBeGreaterThan(60)
    expect(one.total).toBeLessThanOrEqual(300)
    expect(four).toMatchObject({ partial: true, total_relation: 'gte' })
    expect(four.cut).toContain('phrases')
    expect(four.total).toBeLessThanOrEqual(60)
    expect(four.hits.length).toBe(10)
    for (const hit of four.hits) expect(hit.snippet_text.toLowerCase()).toMatch(/(of|in|to|and) the/)
  })

  it('a phrase of common words finds hits even where the budget pays for only part of a round of reads', async () => {
    const body = await hostile('"of the"', { ...tight, postings: 2_500 })
    expect(body.hits.length).toBe(10)
    for (const hit of body.hits) expect(hit.snippet_text.toLowerCase()).toMatch(/of the/)
  })

  it('many common words no unit holds together: the partial pass has its own half of the budget, whatever the first spent', async () => {
    const words = ['the', 'of', 'and', 'to', 'in', 'that', 'for', 'on', 'with', 'was', 'is', 'as', 'by', 'be', 'he', 'it', 'which', 'would', 'have', 'not', 'this', 'are', 'from', 'at']
    // At this budget the pass for every word spends part of its half; the partial pass used to be charged for it, and found nothing.
    const body = await hostile(words.join(' '), { ...tight, postings: 8_000 })
    expect(body.partial).toBe(true)
    expect(body.hits.length).toBe(10)
  })

  it('many common words with a budget short of a block of each: the most promising words are evaluated, and give hits', async () => {
    const words = ['the', 'of', 'and', 'to', 'in', 'that', 'for', 'on', 'with', 'was', 'is', 'as', 'by', 'be', 'he', 'it', 'which', 'would', 'have', 'not', 'this', 'are', 'from', 'at']
    const body = await hostile(words.join(' '), { ...tight, postings: 3_000 })
    expect(body.cut).toContain('postings')
    expect(body.hits.length).toBe(10)
    for (const hit of body.hits) expect(tokenize(hit.snippet_text).some((t) => words.includes(t.word))).toBe(true)
  })

  it('a rare word beside a common one, over more than the budget reads whole: units holding both are found and rank first', async () => {
    // Stretches were cut by the rare word's postings alone; the common word's lookups over any of them passed the budget, and no
    // unit holding both was evaluated (at 1 GB, 36 of 40 two-word queries drawn from a unit's own words found none).
    // `Japan` is in a third of the units (`the`, which these asked for before common words were left out, in more than half).
    for (const q of ['Okinawa Japan', 'reversion Japan', 'Sato Japan']) {
      const body = await hostile(q, { ...tight, postings: 6_000 })
      expect(body.full, q).toBeGreaterThan(0)
      expect(body.hits[0]!.matched, q).toBe(2)
    }
  })

  it('a query of a few words looks for its units with every word with the whole budget, and those with some with what it left', async () => {
    // `Ohira` is in 8 units, `Japan` (a word still being typed: `Japanese` too) in over a thousand: the units holding both cost a
    // block of each at each unit of `Ohira`. Half of 1,000 postings found none of the seven; the whole budget finds them all.
    const everything = await search(index.open(), request('Ohira Japan'), { ...searchLimits, exhaustive: 1e6, postings: 1e6 })
    expect(everything.full).toBe(7)
    const body = await hostile('Ohira Japan', { ...tight, postings: 1_000 })
    expect(body.full).toBe(7)
    expect(body.hits.slice(0, 7).map((h) => h.id)).toEqual(everything.hits.slice(0, 7).map((h) => h.id))
  })

  it('common words whose best matches are titles: their titles are read first, and found under a budget that reads a fraction of the postings', async () => {
    // Read stretch by stretch (before titles were read first), 600 postings for the units with every word found none of the ten best
    // of `Department of State`, one of `of the and`, four of `the of`.
    for (const q of ['Department of State', 'of the and', 'the of']) {
      const everything = await search(index.open(), request(q), { ...searchLimits, exhaustive: 1e6, postings: 1e6 })
      const body = await hostile(q, { ...tight, exhaustive: 300, postings: 800 })
      expect(body.cut, q).toContain('postings')
      expect(new Set(body.hits.map((h) => h.id)), q).toEqual(new Set(everything.hits.map((h) => h.id)))
    }
  })

  it('two common words: their titles may take the whole budget, and give the ten best where half of it gave a few', async () => {
    // With half of 600 postings for their titles (and the rest for every list), `of to` kept 4 of the ten best, `to from` 8.
    for (const q of ['of to', 'to from']) {
      const everything = await search(index.open(), request(`${q} `), { ...searchLimits, exhaustive: 1e6, postings: 1e6 })
      const body = await hostile(`${q} `, { ...tight, exhaustive: 300, postings: 600 })
      expect(await postingsOf(q), q).toBeGreaterThan(3 * 600)
      expect(new Set(body.hits.map((h) => h.id)), q).toEqual(new Set(everything.hits.map((h) => h.id)))
    }
  })

  it("scores a unit found in its titles' list as the whole term scores it", async () => {
    // Units holding every word: a partial match past the budget may be scored for the words read at it alone.
    for (const q of ['the', 'of the and', 'the of', '"of the"']) {
      const everything = await search(index.open(), { ...request(q), limit: 2_000 }, { ...searchLimits, exhaustive: 1e6, postings: 1e6 })
      const scores = new Map(everything.hits.map((h) => [h.id, h.score]))
      const body = await hostile(q, { ...tight, exhaustive: 300, postings: 1_200 })
      expect(body.cut, q).toContain('postings')
      const found = body.hits.filter((h) => h.matched === body.words && scores.has(h.id))
      for (const hit of found) expect(hit.score, `${q}: ${hit.id}`).toBe(scores.get(hit.id))
      expect(found.length, q).toBeGreaterThan(0)
    }
  })

  it('a block two stretches of a batch share is counted once: it does not cut short an evaluation the budget pays for', async () => {
    // `Miki the` while typing: the, there, their… looked up at Miki's units across three stretches share blocks at their edges.
    for (const q of ['Miki the', 'textile the']) {
      const body = await hostile(q, { ...tight, postings: 6_000 })
      expect(body.cut, q).toEqual([])
      expect(body.total_relation, q).toBe('eq')
    }
  })

  it('many phrases of common words at once', async () => {
    const body = await hostile('"of the" "in the" "to the" "and the" "on the" "for the" "at the" "by the"')
    expect(body.cut.length).toBeGreaterThan(0)
  })

  it('a long OR of common words: postings stop at the budget, and the hits found hold one of them', async () => {
    const words = ['the', 'of', 'and', 'to', 'in', 'that', 'for', 'on', 'with', 'was', 'is', 'as', 'by', 'be', 'he', 'it']
    const body = await hostile(words.join(' OR '), { ...tight, postings: 3_000 })
    expect(body.cut).toContain('postings')
    expect(body.hits.length).toBe(10)
    for (const hit of body.hits) expect(tokenize(hit.snippet_text).some((t) => words.includes(t.word))).toBe(true)
  })

  it('words that split, which no unit holds as phrases: their words are searched with what the budget has left', async () => {
    const body = await hostile('of/of/of/of and/and/and/and the/the/the/the to/to/to/to in/in/in/in a/a/a/a')
    expect(body.words).toBe(24)
    expect(body.hits.length).toBe(10)
    // Parted, twenty such words would be forty, more than a query may hold: the phrases' answer stands.
    const many = await hostile(Array.from({ length: 20 }, (_, k) => `Rusk${k}/Sato${k}`).join(' '))
    expect(many).toMatchObject({ words: 20, total: 0 })
  })

  it('partial matches over many words: the best of those evaluated, each holding one of the words', async () => {
    const words = ['Krasnoyarsk', 'Okinawa', 'Reischauer', 'Sato', 'Shevardnadze', 'reversion', 'textile', 'Bonin', 'Ryukyu', 'yen', 'Miki', 'Shiina']
    const body = await hostile(`${words.join(' ')} zebra`)
    expect(body.partial).toBe(true)
    expect(body.hits.length).toBe(10)
    for (const hit of body.hits) expect(hit.snippet).toContain('<mark>')
  })

  it('spends phrase checks only on the candidates whose words allow the phrase', async () => {
    // Of the 1,342 units with some of the words, fewer than 200 hold the phrase's three words (each pass may check 200).
    const q = '"Japanese-United States" Japan'
    const whole = await search(index.open(), request(q))
    const few = await search(index.open(), request(q), { ...searchLimits, phrasePositions: 1_200 })
    expect(few.cut).not.toContain('phrases')
    expect(few.total).toBe(whole.total)
    expect(few.hits.map((h) => h.id)).toEqual(whole.hits.map((h) => h.id))
  })

  it(`refuses a query of more than ${queryLimits.words} words and phrases, naming the limit`, async () => {
    const q = Array.from({ length: queryLimits.words + 1 }, (_, i) => `w${i}`).join(' ')
    await expect(search(index.open(), request(q))).rejects.toThrow(new QuerySyntaxError(`the query has 33 words and phrases; the most a query may hold is ${queryLimits.words}`))
  })

  it('answers exactly, and says so, while counting is cheap', async () => {
    const body = await search(index.open(), request('Okinawa reversion'))
    expect(body).toMatchObject({ total_relation: 'eq', cut: [] })
    const tightly = await search(index.open(), request('Okinawa reversion'), { ...tight, exhaustive: 0 })
    expect(tightly.hits.map((h) => h.id)).toEqual(body.hits.map((h) => h.id))
  })
})

describe('search ranks units with every word first, then those with some', () => {
  let index: LoadedIndex

  beforeAll(async () => {
    index = await loadedIndex()
  })

  /** What partial hits rank by first: how many of the query's words their document holds, or, in a front-matter section, they hold. */
  async function evidence(library: Library, q: string, hits: readonly { doc: string; matched: number }[]): Promise<number[]> {
    const plan = await planQuery(library, parseQuery(q), false)
    const docs = hits.map((h) => library.documents.find(h.doc)!)
    const coverage = await documentCoverage(library, plan, docs, Infinity)
    const section = DOCUMENT_TYPES.indexOf('section')
    return hits.map((h, i) => (library.documents.type[docs[i]!] === section ? h.matched : coverage.get(docs[i]!)!))
  }

  it('fills the page past the units with every word, those whose document holds more of the words first, and says where they begin', async () => {
    const library = index.open()
    const body = await search(library, request('Vietnam conflict Johnson'))
    expect(body.words).toBe(3)
    expect(body.full).toBeGreaterThan(0)
    expect(body.full).toBeLessThan(10)
    expect(body.partial).toBe(true)
    expect(body.hits.length).toBe(10)
    expect(body.total).toBeGreaterThan(body.full)
    const matched = body.hits.map((h) => h.matched)
    expect(matched.slice(0, body.full).every((m) => m === 3)).toBe(true)
    const rest = matched.slice(body.full)
    expect(rest.every((m) => m >= 1 && m < 3)).toBe(true)
    const held = await evidence(library, 'Vietnam conflict Johnson', body.hits.slice(body.full))
    expect(held).toEqual([...held].sort((a, b) => b - a))
    // The partial matches are not the full ones again.
    expect(new Set(body.hits.map((h) => h.id)).size).toBe(10)
  })

  it('takes a front-matter section for no more than its unit: the list of persons names everyone, but is about no one', async () => {
    // Every name of this query is in the list of persons; before, its entries (two of the words each) led the partial matches.
    const q = 'Watson Albert Johnson Lyndon Sato meetings'
    const library = index.open()
    const body = await search(library, request(q))
    expect(body.full).toBe(0)
    const keys = await evidence(library, q, body.hits)
    expect(keys).toEqual([...keys].sort((a, b) => b - a))
    expect(body.hits[0]!.doc).not.toMatch(/-(persons|preface)$/)
  })

  it('stays with the units with every word while they fill the page, and goes on to the others past them', async () => {
    const first = await search(index.open(), request('Okinawa reversion'))
    expect(first.partial).toBe(false)
    expect(first.total).toBe(first.full)
    expect(first.hits.every((h) => h.matched === 2)).toBe(true)
    const past = await search(index.open(), { ...request('Okinawa reversion'), offset: first.full })
    expect(past.partial).toBe(true)
    expect(past.hits.length).toBe(10)
    expect(past.hits.every((h) => h.matched === 1)).toBe(true)
  })

  it('partial matches still keep to the filters', async () => {
    const body = await search(index.open(), { ...request('Vietnam conflict Johnson'), filters: { kind: new Set(['footnote'] as const) } })
    expect(body.hits.length).toBeGreaterThan(0)
    expect(body.hits.every((h) => h.kind === 'footnote')).toBe(true)
  })
})

describe('what a word finds', () => {
  type Body = Awaited<ReturnType<typeof search>>
  /** The words a hit marks, as written. */
  const marks = (h: Body['hits'][number]) => h.highlights.map(([a, b]) => h.snippet_text.slice(a, b))
  /** Every word the hits mark, lower-cased. */
  const marked = (body: Body) => body.hits.flatMap(marks).map((w) => w.toLowerCase())

  it('`using` finds and marks the words of use, not U.S. (which the first Porter stemmer made one)', async () => {
    const library = await loadedIndex().then((i) => i.open())
    const using = marked(await search(library, request('using')))
    expect(using.length).toBeGreaterThan(0)
    expect(using.every((w) => /^us(e|ing)/.test(w))).toBe(true)
    const us = marked(await search(library, request('U.S.')))
    expect(us.every((w) => w.replace(/\./g, '') === 'us')).toBe(true)
  })

  it('a word that splits (`INR/IL`) is a phrase where a unit holds it, and its words where none does (`Rusk/Shiina`)', async () => {
    const index = await loadedIndex()
    const ids = async (q: string) => (await search(index.open(), request(q))).hits.map((h) => h.id)
    const phrase = await ids('INR/IL')
    expect(phrase.length).toBeGreaterThan(0)
    expect(phrase).toEqual(await ids('"INR IL"'))
    expect(await ids('"Rusk Shiina"')).toEqual([])
    const parted = await search(index.open(), request('Rusk/Shiina'))
    expect(parted).toMatchObject({ words: 2, query: 'Rusk/Shiina' })
    expect(parted.full).toBeGreaterThan(0)
    expect(parted.hits.map((h) => h.id)).toEqual(await ids('Rusk Shiina'))
  })

  it('a question is searched for its words that are not common: `What did Rusk say about Okinawa reversion?`', async () => {
    const index = await loadedIndex()
    const question = await search(index.open(), request('What did Rusk say about Okinawa reversion?'))
    const words = await search(index.open(), request('Rusk say Okinawa reversion'))
    expect(question).toMatchObject({ words: 4, ignored: ['What', 'did', 'about'], total: words.total, full: words.full })
    expect(question.full).toBeGreaterThan(0)
    expect(question.hits.map((h) => h.id)).toEqual(words.hits.map((h) => h.id))
    expect(words.ignored).toEqual([])
  })

  it('`news` finds news, not new', async () => {
    const news = marked(await search(await loadedIndex().then((i) => i.open()), request('news')))
    expect(news).toContain('news')
    expect(news).not.toContain('new')
  })

  it('a word as written comes before the words it shares a stem with: `Rogers` is not `Roger`', async () => {
    const library = await loadedIndex().then((i) => i.open())
    const body = await search(library, request('Rogers '))
    const [first, ...rest] = body.hits.map(marks)
    expect(first).toEqual(['Rogers'])
    expect(rest.length).toBeGreaterThan(0)
    expect(rest.flat().every((w) => w === 'Roger')).toBe(true)
    // Ranked by score alone, two units naming Roger come first.
    expect(body.hits[0]!.score).toBeLessThan(Math.max(...body.hits.map((h) => h.score)))
  })

  it('a word as written weighs, it does not outrank the score: `Rusk visited Tokyo` before a note saying `visit` of another visit', async () => {
    const body = await search(await loadedIndex().then((i) => i.open()), request("Rusk's visit to Tokyo "))
    const at = (id: string) => body.hits.findIndex((h) => h.id === id)
    const [visited, other] = [body.hits[at('frus1964-68v29p2-d80/n2')]!, body.hits[at('frus1964-68v29p2-d97/n2')]!]
    expect(marks(visited)).toEqual(['Rusk', 'visited', 'Tokyo'])
    expect(marks(other)).toContain('visit')
    expect(visited.matched).toBe(3)
    expect(other.matched).toBe(3)
    expect(visited.score).toBeGreaterThan(other.score * 1.4)
    expect(at(visited.id)).toBeLessThan(at(other.id))
  })

  it('`Ryukyu` finds the Ryukyus (Porter2 alone kept -us whole)', async () => {
    const ryukyu = marked(await search(await loadedIndex().then((i) => i.open()), request('Ryukyu reversion')))
    expect(ryukyu).toContain('ryukyus')
    expect(ryukyu).toContain('ryukyu')
  })
})

describe('pages of one query', () => {
  it('a longer page begins with the shorter one, partial matches of prefixes alone included', async () => {
    // The reranking looks past the page; were it to look only at the page, ten hits and twenty would be ranked from different pools.
    const library = await loadedIndex().then((i) => i.open())
    for (const q of ['okin* revers* rusk*', 'textil* japan* negot*', 'Okinawa reversion Rusk']) {
      const ten = await search(library, request(q))
      const twenty = await search(library, { ...request(q), limit: 20 })
      expect(ten.partial, q).toBe(true)
      expect(twenty.hits.slice(0, 10).map((h) => h.id), q).toEqual(ten.hits.map((h) => h.id))
    }
  })
})

describe('the hit of a phrase', () => {
  it('gives the page where the phrase stands, right after a page break, and marks it as one span', async () => {
    // In d49/p7 page 95 begins with "United States service"; each of its words stands on page 94 too.
    const body = await search(await loadedIndex().then((i) => i.open()), request('"United States service"'))
    const hit = body.hits.find((h) => h.id === 'frus1964-68v29p2-d49/p7')!
    expect(hit.pages).toEqual([94, 95])
    expect(hit.page).toBe(95)
    expect(hit.citation.text).toMatch(/p\. 95\.$/)
    expect(hit.snippet).toContain('<mark>United States service</mark>')
    expect(hit.snippet).not.toMatch(/<mark>(United|States|service)<\/mark>/)
  })
})

describe('search, for any query (properties)', () => {
  let index: LoadedIndex

  beforeAll(async () => {
    index = await loadedIndex()
  })

  // Words of the corpus (and a few it lacks), as a reader types them, with the syntax's operators.
  const corpusWord = fc.constantFrom('Okinawa', 'reversion', 'Rusk', 'Sato', 'treaty', 'radar', 'Krasnoyarsk', 'the', 'of', 'June', '20', 'Japan', 'Ambassador',
    'Reischauer', 'nuclear', 'Bonin', 'textile', 'Vietnam', 'PriMin', 'Shevardnaze', 'reversoin', 'zzyzx', 'a', 'an')
  const term = fc.oneof(corpusWord, corpusWord.map((w) => `${w.slice(0, 3)}*`), corpusWord.map((w) => `-${w}`), fc.tuple(corpusWord, corpusWord).map(([a, b]) => `"${a} ${b}"`), word)
  const query = fc.array(fc.oneof(term, term, fc.constant('OR')), { minLength: 1, maxLength: 8 }).map((t) => t.join(' '))
  const sort = fc.constantFrom('relevance', 'date') as fc.Arbitrary<SearchRequest['sort']>

  it('answers within its limits, each hit with its words marked inside its snippet and its page among its pages, or refuses the syntax', async () => {
    await fc.assert(fc.asyncProperty(query, fc.integer({ min: 1, max: 20 }), fc.nat(30), sort, async (q, limit, offset, order) => {
      const library = index.open()
      let body
      try {
        body = await search(library, { ...request(q), limit, offset, sort: order })
      } catch (e) {
        expect(e, q).toBeInstanceOf(QuerySyntaxError)
        return
      }
      expect(library.postings.decoded).toBeLessThanOrEqual(searchLimits.postings)
      expect(body.hits.length).toBeLessThanOrEqual(limit)
      if (body.total_relation === 'eq') expect(body.total).toBeGreaterThanOrEqual(Math.min(body.hits.length + offset, body.total))
      expect(body.full).toBeLessThanOrEqual(body.total)
      for (const hit of body.hits) {
        expect(hit.matched).toBeGreaterThanOrEqual(1)
        expect(hit.matched).toBeLessThanOrEqual(body.words)
        for (const [s, e] of hit.highlights) expect(0 <= s && s < e && e <= hit.snippet_text.length, q).toBe(true)
        if (hit.page !== null) expect(hit.pages).toContain(hit.page)
      }
    }), properties(150))
  })
})

describe('search, counting', () => {
  it('counts each match in its own document, however far past the last match it lies', async () => {
    const corpus = tempDir('folio-far-')
    const holders = [0, 1, 3, 17, 18, 60, 119]
    for (let d = 0; d < 120; d++) {
      const paragraphs = Array.from({ length: 3 }, (_, p) => `Paragraph ${p} of document ${d}${holders.includes(d) && p === 1 ? ' names a quokka' : ''}.`)
      writeFileSync(join(corpus, `d${String(d).padStart(3, '0')}.txt`), `${d + 1}. Document ${d}\n\n${paragraphs.join('\n\n')}`)
    }
    const index = await loadIndex(readFrom(await indexFolder(corpus)))
    const body = await search(index.open(), { ...request('quokka'), limit: 100 })
    expect(body.total).toBe(holders.length)
    const docOf = new Map(body.hits.map((h) => [h.id, h.doc]))
    expect(Object.entries(body.facets.doc).sort()).toEqual([...docOf.values()].sort().map((d) => [d, 1]))
    expect(new Set(docOf.values()).size).toBe(holders.length)
    for (const [id, doc] of docOf) expect(id.startsWith(`${doc}/`)).toBe(true)
  })
})

describe('search, reading', () => {
  it('reads the postings page a cold query\'s word starts on in the round that reads its lexicon page', async () => {
    const folder = await indexFolder(commonWordsCorpus(), 16 * 1024)
    const library = (await loadIndex(readFrom(folder))).open()
    const alpha = (await library.lexicon.lookup(library.reader, 'alpha'))!.term!
    const start = library.reader.table.page('postings', library.reader.streamSpan(alpha.postings, 1)[0])
    const { index, log } = await roundsIndex(folder)
    const body = await search(index.open(), request('alpha'))
    expect(body.total).toBe(8000)
    expect(log[0]!.some((p) => p.includes('/lexicon.'))).toBe(true)
    expect(log[0]).toContain(start.path)
  })

  it("reads a cold typo's neighbours' lexicon page and postings in its first round, and not the typo's own page", async () => {
    const folder = await indexFolder('corpus', 4 * 1024)
    const library = (await loadIndex(readFrom(folder))).open()
    const okinawa = (await library.lexicon.lookup(library.reader, 'okinawa'))!.term!
    const lexiconPage = (key: string) => library.reader.table.page('lexicon', library.lexicon.table.pageFor(key)).path
    const postings = library.reader.table.page('postings', library.reader.streamSpan(okinawa.postings, 1)[0]).path
    expect(lexiconPage('pkinawa')).not.toBe(lexiconPage('okinawa'))
    // Finished (a space after it), and still being typed: then its own page is read too, for the words it begins.
    for (const q of ['pkinawa ', 'pkinawa']) {
      const { index, log } = await roundsIndex(folder)
      const body = await search(index.open(), request(q))
      expect(body.total, q).toBeGreaterThan(0)
      expect(log[0], q).toEqual(expect.arrayContaining([lexiconPage('okinawa'), postings]))
      expect(log.slice(1).flat().filter((p) => p.includes('/lexicon.') || p.includes('/postings.')), q).toEqual([])
      expect(log.flat().includes(lexiconPage('pkinawa')), q).toBe(q === 'pkinawa')
    }
  })

  it("walks a long typo's lexicon pages in one round of six reads at most", async () => {
    const { index, log } = await roundsIndex(await indexFolder())
    // Nine letters or more: neighbours two edits away, found by walking the pages likeliest to hold them.
    const body = await search(index.open(), request('reverrsionn '))
    expect(body.total).toBeGreaterThan(0)
    const lexicon = log.map((paths) => paths.filter((p) => p.includes('/lexicon.')).length)
    expect(lexicon[0]).toBeGreaterThan(1)
    expect(lexicon[0]).toBeLessThanOrEqual(queryLimits.fuzzyPages / 2)
    expect(lexicon.slice(1).every((n) => n === 0)).toBe(true)
  })

  it("reads a cold query's whole lists in the round of its titles' lists when they fit in it, not in a round of their own", async () => {
    // Two common words in every title: their titles' lists are evaluated first (the budget reads a fraction of the postings), then
    // every list; the lists' pages came a round after the titles', and the hits' a round later still.
    const { index, log } = await roundsIndex(await indexFolder(commonWordsCorpus({ titled: true }), 16 * 1024))
    const body = await search(index.open(), request('alpha beta '), { ...tight, exhaustive: 500, postings: 600 })
    expect(body.cut).toContain('postings')
    expect(body.hits.length).toBe(10)
    const postings = log.map((paths) => paths.filter((p) => p.includes('/postings.')).length)
    expect(postings.slice(0, 2).every((n) => n > 0)).toBe(true)
    expect(postings.slice(2).every((n) => n === 0)).toBe(true)
  })

  it("evaluates a rare word beside a common one whole when the budget pays for it, without a pass for the common word's titles first", async () => {
    // `beta` is in every unit and title, `gamma` in three: the whole evaluation reads gamma's postings and a block of beta at each,
    // within the budget, where beta's postings alone are ten times more. Its titles' pass first read their lists for nothing.
    const corpus = tempDir('folio-rare-common-')
    for (let d = 0; d < 6; d++) {
      const paragraphs = Array.from({ length: 800 }, (_, p) => `Paragraph ${p} of beta${p === 400 && d % 2 === 0 ? ', gamma' : ''}.`)
      writeFileSync(join(corpus, `d${d}.txt`), `${d + 1}. Document ${d}: beta\n\n${paragraphs.join('\n\n')}`)
    }
    const index = await loadIndex(readFrom(await indexFolder(corpus)))
    const plan = await planQuery(index.open(), parseQuery('gamma beta'), false)
    expect([...plan.terms.values()].map((t) => [t.term, t.df])).toEqual([['gamma', 3], ['beta', 4806]])
    const library = index.open()
    const body = await search(library, { ...request('gamma beta'), limit: 3 }, { ...tight, exhaustive: 1_000, postings: 1_000 })
    expect(body.hits.map((h) => h.id)).toEqual(['d0/p401', 'd2/p401', 'd4/p401'])
    expect(body.cut).toEqual([])
    expect(library.postings.decoded).toBe(3 + 3 * 128)
  })

  it("reads a cold phrase's positions in its first round when they fit in it", async () => {
    const { index, log } = await roundsIndex(await indexFolder('corpus', 4 * 1024))
    const body = await search(index.open(), request('"Krasnoyarsk radar"'))
    expect(body.total).toBeGreaterThan(0)
    expect(log[0]!.filter((p) => p.includes('/positions.')).length).toBeGreaterThan(0)
    expect(log.slice(1).flat().filter((p) => p.includes('/positions.') || p.includes('/postings.'))).toEqual([])
  })

  it("reads the positions its phrase's candidates need in as few rounds as six reads a round allow", async () => {
    const { index, log } = await roundsIndex(await indexFolder(commonWordsCorpus(), 4 * 1024))
    // Evaluated stretch by stretch, each stretch's candidates checked on positions.
    const body = await search(index.open(), request('"beta and alpha"'), { exhaustive: 0, postings: 100_000, pages: 1000, phrasePositions: 300_000 })
    expect(body.total).toBe(8000)
    const rounds = log.filter((paths) => paths.some((p) => p.includes('/positions.')))
    const pages = new Set(rounds.flat().filter((p) => p.includes('/positions.'))).size
    expect(pages).toBeGreaterThan(6)
    expect(rounds).toHaveLength(Math.ceil(pages / 6))
  })
})
