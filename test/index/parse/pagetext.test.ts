import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePageText } from '../../../index/parse/pagetext'
import type { Unit } from '../../../src/model'
import { properties } from '../../support/property'

const parse = (text: string) => {
  const { documents, diagnostics } = parsePageText(text, 'test.txt', 'doc')
  return { document: documents[0], diagnostics }
}
const doc = (text: string) => parse(text).document!
const texts = (units: Unit[], kind: Unit['kind']) => units.filter((u) => u.kind === kind).map((u) => u.text)
const unit = (text: string, id: string) => doc(text).units.find((u) => u.id === `doc/${id}`)!

describe('the shipped letter', () => {
  const source = readFileSync(new URL('../../../corpus/frus1989-92v31-d49.txt', import.meta.url), 'utf8')
  const { documents: [document], diagnostics } = parsePageText(source, 'corpus/frus1989-92v31-d49.txt', 'frus1989-92v31-d49')
  const units = document!.units

  it('reads number, title, head, paragraphs and notes without a warning', () => {
    expect(diagnostics).toEqual([])
    expect(document!.number).toBe('49')
    expect(document!.title).toBe('Letter From Soviet General Secretary Gorbachev to President Bush')
    expect(texts(units, 'head')).toEqual(['Unofficial Translation', 'Dear Mr. President,'])
    expect(texts(units, 'paragraph')).toHaveLength(26)
    expect(texts(units, 'footnote')).toHaveLength(2)
    expect(units.map((u) => u.id).slice(0, 4)).toEqual([
      'frus1989-92v31-d49/title', 'frus1989-92v31-d49/h1', 'frus1989-92v31-d49/h2', 'frus1989-92v31-d49/p1',
    ])
  })

  it('keeps the text clean: no page markers, no footnote digits', () => {
    for (const u of units) {
      expect(u.text).not.toMatch(/\[Page/)
      expect(u.text).not.toMatch(/  |^\s|\s$/)
    }
    const p1 = units.find((u) => u.id.endsWith('/p1'))!
    expect(p1.text).toMatch(/^I think that the letter you sent me on June 20 opens a new/)
    expect(p1.text).toContain('problems whose solution would advance')
  })

  it('places every unit on its pages: 361 before the first marker, then 362, 363, 364', () => {
    const p1 = units.find((u) => u.id.endsWith('/p1'))!
    expect(p1.pages).toEqual([{ page: 361, at: 0 }, { page: 362, at: p1.text.indexOf('solution would') }])
    const p9 = units.find((u) => u.id.endsWith('/p9'))!
    expect(p9.pages.map((p) => p.page)).toEqual([362, 363])
    expect(p9.text.slice(p9.pages[1]!.at)).toMatch(/^1987 at the Washington summit/)
    const radar = units.find((u) => u.text.includes('Krasnoyarsk'))!
    expect(radar.pages).toEqual([{ page: 363, at: 0 }])
    expect(units.at(-3)!.pages).toEqual([{ page: 364, at: 0 }])
  })

  it('links each note to the unit that cites it, at the offset of the marker', () => {
    const [title, n1, n2] = [units[0]!, units.at(-2)!, units.at(-1)!]
    expect(title.cites).toEqual([{ note: n1.id, at: title.text.length }])
    expect(n1).toMatchObject({ kind: 'footnote', n: 1, label: '1', citedBy: [title.id], pages: [{ page: 361, at: 0 }] })
    expect(n1.text).toMatch(/^Source: George H\.W\. Bush Library/)
    expect(n1.text).toContain('Sensitive 1989–June 1990 [2].')
    expect(n2).toMatchObject({ text: 'See Document 34.', citedBy: ['frus1989-92v31-d49/p1'] })
    const p1 = units.find((u) => u.id.endsWith('/p1'))!
    expect(p1.text.slice(0, p1.cites[0]!.at)).toMatch(/June 20$/)
  })

  it('keeps numbers that are not markers', () => {
    const text = units.map((u) => u.text).join('\n')
    expect(text).toContain('ceiling of 6000 warheads')
    expect(text).toContain('December 1987 at')
    expect(text).toContain('signed in 1972.')
    expect(text).toContain('on 50 percent reductions')
  })
})

describe('titles and heads', () => {
  it('takes an unnumbered first line as the title (older volumes)', () => {
    const d = doc('Mr. Seward to Mr. Dayton.\n\nNo. 139.\n\nSir: Your despatch of the 12th of February has been received and it is approved in every respect by the President.')
    expect(d.title).toBe('Mr. Seward to Mr. Dayton.')
    expect(d.number).toBeUndefined()
    expect(texts(d.units, 'head')).toEqual(['No. 139.'])
    expect(texts(d.units, 'paragraph')).toHaveLength(1)
  })

  it('reads a leading file number as a head line and the next line as the title', () => {
    const d = doc('File No. 711.00/12\nThe Secretary of State to the Minister in China\n\nThe Department has received your telegram of the 3rd and approves of the course you have taken in it.')
    expect(d.title).toBe('The Secretary of State to the Minister in China')
    expect(texts(d.units, 'head')).toEqual(['File No. 711.00/12'])
  })

  it('keeps SUBJECT and PARTICIPANTS blocks as head lines, one line each, long entries too', () => {
    const d = doc([
      '12. Memorandum of Conversation', '',
      'Washington, January 3, 1965.', '',
      'SUBJECT', 'Okinawa Reversion', '',
      'PARTICIPANTS:', 'The Secretary', 'Ambassador Ryuji Takeuchi, Ambassador of Japan to the United States', '',
      'The Ambassador opened the conversation by saying that the Prime Minister wished to discuss the question of Okinawa with the President.',
    ].join('\n'))
    expect(texts(d.units, 'head')).toEqual(['Washington, January 3, 1965.', 'SUBJECT\nOkinawa Reversion', 'PARTICIPANTS:\nThe Secretary\nAmbassador Ryuji Takeuchi, Ambassador of Japan to the United States'])
    expect(texts(d.units, 'paragraph')).toHaveLength(1)
  })

  it('dates and places the document by the first head line that reads as a dateline', () => {
    const body = 'The Secretary opened the conversation by recalling what the Ambassador had said in June 1964 about it.'
    expect(doc(`5. Telegram1\n\nUnofficial Translation\n\nTokyo, January 5, 1965, 1820Z.2\n\n${body}\n  1. Source: files.\n  2. Received at 9 a.m.`))
      .toMatchObject({ date: '1965-01-05', place: 'Tokyo' })
    const undated = doc(`6. Paper\n\nSUBJECT\nTalks of June 1965\n\nWashington, undated.\n\n${body}`)
    expect(undated.date).toBeUndefined()
    expect(undated.place).toBeUndefined()
  })

  it('treats every block as a paragraph when none reads as one (no head without a body)', () => {
    const d = doc('3. Telegram\n\nAgreed.\n\nRusk')
    expect(texts(d.units, 'head')).toEqual([])
    expect(texts(d.units, 'paragraph')).toEqual(['Agreed.', 'Rusk'])
  })
})

describe('paragraph breaks', () => {
  it('joins hard-wrapped lines of a paragraph with a space', () => {
    const d = doc('1. Title\n\nThe first paragraph is wrapped\nover two lines of the page.\n\nThe second one is not.')
    expect(texts(d.units, 'paragraph')).toEqual(['The first paragraph is wrapped over two lines of the page.', 'The second one is not.'])
  })

  it('reads one paragraph per line on a page without blank lines', () => {
    const d = doc('1. Title\nFirst paragraph of the letter, which is a sentence.\nSecond paragraph.\nThird paragraph.')
    expect(texts(d.units, 'paragraph')).toEqual(['First paragraph of the letter, which is a sentence.', 'Second paragraph.', 'Third paragraph.'])
  })

  it('rejoins hard-wrapped lines on a page without blank lines, ending a paragraph at a short line', () => {
    const lines = [
      '1. Title',
      'The Ambassador said that the Government of Japan had studied the proposal',
      'with great care and had concluded that it could not accept it in its present',
      'form without consulting the Diet.',
      'The Secretary replied that he understood the difficulty and would report it',
      'to the President at the earliest opportunity he had this week in Washington.',
      'He added nothing.',
    ]
    const d = doc(lines.join('\n'))
    expect(texts(d.units, 'paragraph')).toEqual([
      'The Ambassador said that the Government of Japan had studied the proposal with great care and had concluded that it could not accept it in its present form without consulting the Diet.',
      'The Secretary replied that he understood the difficulty and would report it to the President at the earliest opportunity he had this week in Washington. He added nothing.',
    ])
  })

  it('keeps bullet, dash and numbered list items and table rows on their own lines', () => {
    const d = doc('1. Title\n\nThe points were these, as the Secretary put them to the Ambassador at the meeting\nwith the Prime Minister:\n— first, reversion;\n— second, bases.\n(a) trade\nItem      1964    1965\nRice      12      14\n\nThat was all.')
    expect(texts(d.units, 'paragraph')).toEqual([
      'The points were these, as the Secretary put them to the Ambassador at the meeting with the Prime Minister:\n— first, reversion;\n— second, bases.\n(a) trade\nItem 1964 1965\nRice 12 14',
      'That was all.',
    ])
  })

  it('keeps editorial brackets as text', () => {
    const d = doc('1. Title\n\nThe first paragraph is long enough to read as a paragraph of the letter.\n\n[Here follows a list of the participants.]')
    expect(texts(d.units, 'paragraph')[1]).toBe('[Here follows a list of the participants.]')
  })
})

describe('page markers', () => {
  const body = (text: string) => unit(`1. Title\n\n${text}`, 'p1')

  it('cuts a marker inside a sentence and starts the page at the next word', () => {
    const p = body('The problems whose [Page 362] solution would advance relations between our two countries.')
    expect(p.text).toBe('The problems whose solution would advance relations between our two countries.')
    expect(p.pages).toEqual([{ page: 361, at: 0 }, { page: 362, at: 19 }])
  })

  it('joins a word a marker is glued into', () => {
    const p = body('The as[Page 891]pects of the matter were discussed by the Secretary and the Ambassador.')
    expect(p.text).toMatch(/^The aspects of/)
    expect(p.pages).toEqual([{ page: 890, at: 0 }, { page: 891, at: 6 }])
  })

  it('reads a marker glued to the next word, or alone on a line inside a paragraph', () => {
    expect(body('[Page 47]At the meeting the Secretary spoke first and at some length.').text).toBe('At the meeting the Secretary spoke first and at some length.')
    const p = body('The problems whose\n[Page 362]\nsolution would advance relations between the two.')
    expect(p.text).toBe('The problems whose solution would advance relations between the two.')
    expect(p.pages.map((x) => x.page)).toEqual([361, 362])
  })

  it('rejoins a sentence cut by a marker standing alone between blank lines', () => {
    const d = doc('1. Title\n\nThe problems whose\n\n[Page 362]\n\nsolution would advance relations.\n\nNext paragraph here.')
    expect(texts(d.units, 'paragraph')).toEqual(['The problems whose solution would advance relations.', 'Next paragraph here.'])
  })

  it('starts the next paragraph on the page a marker between paragraphs names', () => {
    const d = doc('1. Title\n\nFirst paragraph of the letter, on one page.\n\n[Page 12]\n\nSecond paragraph, on the next.')
    const [p1, p2] = d.units.filter((u) => u.kind === 'paragraph')
    expect(p1!.pages).toEqual([{ page: 11, at: 0 }])
    expect(p2!.pages).toEqual([{ page: 12, at: 0 }])
  })

  it('reads facsimile and roman-numbered pages', () => {
    expect(body('Text before [Facsimile Page 12] text after the facsimile marker.').pages.map((p) => p.page)).toEqual(['Facsimile 12'])
    expect(body('Preface text [Page XII] more preface text in the front matter.').pages.map((p) => p.page)).toEqual(['XI', 'XII'])
  })

  it('reads a typeset page (microfiche supplements) as the page it names, mid-sentence too', () => {
    const d = doc('1. Title\n\nThe text of the telegram [Typeset Page 55] goes on to the typeset page.')
    const p = d.units.find((u) => u.kind === 'paragraph')!
    expect(p.text).toBe('The text of the telegram goes on to the typeset page.')
    expect(p.pages).toEqual([{ page: 54, at: 0 }, { page: 55, at: 'The text of the telegram '.length }])
    expect(texts(doc('1. Title\n\nFirst paragraph, on one page.\n\n[Typeset Page 12]\n\nSecond paragraph.').units, 'paragraph'))
      .toEqual(['First paragraph, on one page.', 'Second paragraph.'])
  })

  it('leaves pages empty when a page has no markers', () => {
    expect(body('No page markers in this document at all, which is fine.').pages).toEqual([])
  })
})

describe('a title whose source note was cut off the page', () => {
  it('removes the title\'s glued 1 and warns, naming the line', () => {
    for (const title of ['Memorandum of Conversation', 'Telegram From the Department of State']) {
      const { document, diagnostics } = parse(`12. ${title}1\n\nWashington, May 3, 1962.\n\nThe paragraph of the memorandum, long enough to read as one.`)
      expect(document!.title).toBe(title)
      expect(diagnostics.map((d) => d.message)).toEqual(['the title ends in note marker 1 but the page has no note 1 (cut off?): marker removed'])
      expect(diagnostics[0]!.line).toBe(1)
    }
  })

  it('keeps a title\'s number that is not glued to a word, and a marker whose note is there', () => {
    expect(doc('3. Meeting of Group 1\n\nA paragraph of the memorandum, long enough to read as one.').title).toBe('Meeting of Group 1')
    const cited = doc('3. Memorandum for the Record1\n\nA paragraph of the memorandum, long enough.\n  1. Source: the files.')
    expect(cited.title).toBe('Memorandum for the Record')
    expect(cited.units[0]!.cites).toEqual([{ note: 'doc/n1', at: 'Memorandum for the Record'.length }])
  })
})

describe('footnote markers', () => {
  const withNotes = (text: string, ...notes: string[]) =>
    doc(`1. Title\n\n${text}\n${notes.map((n, i) => `  ${i + 1}. ${n}`).join('\n')}`)
  const para = (d: ReturnType<typeof doc>) => d.units.find((u) => u.kind === 'paragraph')!

  it('cuts a marker glued to a word', () => {
    const p = para(withNotes('Letter to President Bush1 about the talks.', 'Source.'))
    expect(p.text).toBe('Letter to President Bush about the talks.')
    expect(p.cites).toEqual([{ note: 'doc/n1', at: 'Letter to President Bush'.length }])
  })

  it('cuts a marker glued to a day after a month, keeping the day', () => {
    const p = para(withNotes('President Bush1 sent a letter on June 202 that opens a new stage.', 'A.', 'B.'))
    expect(p.text).toBe('President Bush sent a letter on June 20 that opens a new stage.')
    expect(p.cites).toEqual([{ note: 'doc/n1', at: 14 }, { note: 'doc/n2', at: 39 }])
  })

  it('resolves markers in the order of the notes, after punctuation, glued to years, and as symbols', () => {
    const d = doc([
      '1. Title', '',
      'He asked,1 and then he waited until July 19492 for an answer that never came.3',
      '',
      'The Secretary agreed* with the proposal.',
      '  1. First.', '  2. Second.', '  3. Third.', '  *. Star.',
    ].join('\n'))
    const [p1, p2] = d.units.filter((u) => u.kind === 'paragraph')
    expect(p1!.text).toBe('He asked, and then he waited until July 1949 for an answer that never came.')
    expect(p1!.cites.map((c) => [c.note, p1!.text.slice(c.at - 6, c.at)])).toEqual([
      ['doc/n1', 'asked,'], ['doc/n2', 'y 1949'], ['doc/n3', ' came.'],
    ])
    expect(p2!.text).toBe('The Secretary agreed with the proposal.')
    expect(p2!.cites).toEqual([{ note: 'doc/n4', at: 20 }])
    expect(d.units.at(-1)).toMatchObject({ label: '*', citedBy: [p2!.id] })
  })

  it('reads a marker set apart by a space at the end of the title', () => {
    const d = doc('5. Letter From the Secretary to the Ambassador 1\n\nThe body of the letter follows, long enough to be a paragraph.\n  1. Source: files.')
    expect(d.title).toBe('Letter From the Secretary to the Ambassador')
    expect(d.units[0]!.cites).toEqual([{ note: 'doc/n1', at: d.title.length }])
  })

  it('prefers a marker glued to a word over an earlier number that could end in the same digit', () => {
    const p = para(withNotes('On June 23 the Ambassador3 called.', 'a', 'b', 'c'))
    // Notes 1 and 2 are never cited; note 3 is Ambassador3, not June 2 + 3.
    expect(p.text).toBe('On June 23 the Ambassador called.')
    expect(p.cites).toEqual([{ note: 'doc/n3', at: 25 }])
  })

  it('keeps numbers that are not markers: counts, years, percentages, decimals', () => {
    const p = para(withNotes('There are 6000 warheads, 50 percent cuts since 1987, a 3.5 ratio; see Bush1.', 'Source.'))
    expect(p.text).toBe('There are 6000 warheads, 50 percent cuts since 1987, a 3.5 ratio; see Bush.')
  })

  it('reads a note that runs over several lines', () => {
    const d = withNotes('Text citing a note1 here.', 'Source: a long note that\n     runs over a second line.')
    expect(d.units.at(-1)!.text).toBe('Source: a long note that runs over a second line.')
  })
})

describe('malformed files', () => {
  it('warns on an empty file and reads no document', () => {
    const r = parse('  \n\n ')
    expect(r.document).toBeUndefined()
    expect(r.diagnostics).toEqual([{ severity: 'warning', file: 'test.txt', line: 1, message: 'empty file: no document read' }])
  })

  it('warns when there is no title line and keeps the first line as a paragraph', () => {
    const long = 'This first line is a paragraph. '.repeat(12).trim()
    const r = parse(`${long}\n\nSecond paragraph.`)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', line: 1, message: expect.stringMatching(/^no title line/) })
    expect(r.document!.title).toBe('doc')
    expect(texts(r.document!.units, 'paragraph')).toEqual([long, 'Second paragraph.'])
  })

  it('warns on a marker without a note, naming its line, and keeps the text', () => {
    const r = parse('1. Title\n\nThe first paragraph.\n\nThe treaty3 is signed.\n  1. Note one.')
    expect(r.diagnostics).toContainEqual({ severity: 'warning', file: 'test.txt', line: 5, message: 'footnote marker 3 has no note; kept as text' })
    expect(r.diagnostics).toContainEqual({ severity: 'warning', file: 'test.txt', line: 6, message: 'note 1 is never cited in the text above it' })
    expect(texts(r.document!.units, 'paragraph')).toContain('The treaty3 is signed.')
  })

  it('reads CRLF line ends and a byte-order mark', () => {
    const d = doc('\uFEFF1. Title\r\n\r\nA paragraph of text.\r\n')
    expect(d.title).toBe('Title')
    expect(texts(d.units, 'paragraph')).toEqual(['A paragraph of text.'])
  })
})

describe('parsePageText, for any page (properties)', () => {
  const letters = fc.constantFrom('treaty', 'radar', 'Krasnoyarsk', 'Geneva', 'Argüello', 'missile', 'summit', 'Ōkinawa', 'naïve', 'memorandum')
  const glued = fc.tuple(letters, fc.integer({ min: 1, max: 4 })).map(([w, n]) => `${w}${n}`)
  const paragraph = fc.array(fc.oneof(letters, letters, glued, fc.constantFrom('June 20', '1989,', 'U.S.', '—', '(A)', 'p.')), { minLength: 1, maxLength: 40 })
  const page = fc.record({
    title: fc.array(letters, { minLength: 1, maxLength: 8 }),
    paragraphs: fc.array(fc.tuple(paragraph, fc.boolean(), fc.nat(40)), { minLength: 1, maxLength: 8 }),
    notes: fc.array(fc.array(letters, { minLength: 1, maxLength: 10 }), { maxLength: 4 }),
  })

  it('never throws; units hold no page marker, their pages ascend inside their text, and no word of a paragraph is lost', () => {
    fc.assert(fc.property(page, fc.integer({ min: 1, max: 900 }), ({ title, paragraphs, notes }, first) => {
      let pageNumber = first
      const body = paragraphs.map(([words, breaks, at]) => {
        if (!breaks) return words.join(' ')
        const cut = at % words.length
        return [...words.slice(0, cut), `[Page ${++pageNumber}]`, ...words.slice(cut)].join(' ')
      })
      const noteLines = notes.map((words, i) => `     ${i + 1}. ${words.join(' ')}`)
      const source = [`[Page ${first}]`, '', `12. ${title.join(' ')}`, '', ...body.flatMap((p) => [p, '']), ...noteLines].join('\n')
      const { documents } = parsePageText(source, 'test.txt', 'doc')
      const units = documents[0]!.units
      const all = units.map((u) => u.text).join(' ')
      for (const u of units) {
        expect(u.text).not.toMatch(/\[(?:(?:Facsimile|Typeset)\s+)?Page\s+\w+\]/)
        const ats = u.pages.map((p) => p.at)
        expect(ats).toEqual([...ats].sort((a, b) => a - b))
        for (const at of [...ats, ...u.cites.map((c) => c.at)]) expect(at).toBeLessThanOrEqual(u.text.length)
        const numbers = u.pages.map((p) => Number(p.page))
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
      }
      for (const [words] of paragraphs) for (const w of words) if (/^\p{L}+$/u.test(w)) expect(all).toContain(w)
    }), properties(300))
  })

  it('never throws on any text at all', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (source) => {
      const { documents } = parsePageText(source, 'test.txt', 'doc')
      for (const u of documents[0]?.units ?? []) expect(u.text).not.toMatch(/\[Page\s+\d+\]/)
    }), properties(300))
  })
})
