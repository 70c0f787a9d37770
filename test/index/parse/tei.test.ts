import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTei } from '../../../index/parse/tei'
import type { Document } from '../../../src/model'

const VOLUME = 'frus1964-68v29p2'
const source = readFileSync(new URL(`../../../corpus/${VOLUME}.xml`, import.meta.url), 'utf8')
const parsed = parseTei(source, `corpus/${VOLUME}.xml`, 'fallback')
const doc = (id: string) => parsed.documents.find((d) => d.id === `${VOLUME}-${id}`)!
const texts = (d: Document, kind: string) => d.units.filter((u) => u.kind === kind).map((u) => u.text)

const tei = (body: string) => `<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="v1"><teiHeader><fileDesc><titleStmt>
<title type="complete">Volume One</title></titleStmt></fileDesc></teiHeader>
<text><body><div type="compilation" xml:id="c1"><head>Chapter One</head>${body}</div></body></text></TEI>`

describe('the shared volume', () => {
  it('reads every document, note and page break the XML holds', () => {
    expect(parsed.diagnostics).toEqual([])
    const count = (re: RegExp) => source.match(re)!.length
    const documents = parsed.documents.filter((d) => d.type === 'document')
    expect(documents).toHaveLength(count(/<div type="document"/g))
    expect(documents).toHaveLength(140)
    const notes = parsed.documents.flatMap((d) => d.units.filter((u) => u.kind === 'footnote'))
    expect(notes).toHaveLength(count(/<note[\s>]/g))
    expect(notes).toHaveLength(436)
    expect(parsed.volume!.pages).toHaveLength(count(/<pb /g))
    expect(parsed.volume!.pages).toHaveLength(365)
    expect(parsed.volume!.pages.slice(0, 3)).toEqual(['I', 'II', 'III'])
  })

  it('reads the volume facts from the header', () => {
    expect(parsed.volume).toMatchObject({ id: VOLUME, title: 'Foreign Relations of the United States, 1964–1968, Volume XXIX, Part 2, Japan' })
  })

  it('reads a document: id, number, title without its number, date, place, chapter, source', () => {
    const { units, ...facts } = doc('d5')
    expect(facts).toEqual({
      id: `${VOLUME}-d5`, type: 'document', volume: VOLUME, number: '5', chapter: 'Japan',
      title: 'Letter From Secretary of Defense McNamara to Secretary of State Rusk',
      date: '1964-01-22', place: 'Washington', source: `https://history.state.gov/historicaldocuments/${VOLUME}/d5`,
    })
    expect(texts(doc('d5'), 'head')).toEqual(['Washington, January 22, 1964.'])
    expect(texts(doc('d5'), 'paragraph')[0]).toBe('Dear Dean:')
  })

  it('links notes to where they stand, numbered as printed', () => {
    const d = doc('d5')
    const [n1, n2, n3, n4] = d.units.filter((u) => u.kind === 'footnote')
    expect([n1!.label, n2!.label, n3!.label, n4!.label]).toEqual(['1', '2', '3', '4'])
    expect(n1!.citedBy).toEqual([`${VOLUME}-d5/title`])
    expect(n1!.text).toMatch(/^Source: National Archives/)
    const p2 = d.units.find((u) => u.id === `${VOLUME}-d5/p2`)!
    expect(p2.cites.map((c) => c.note)).toEqual([n2!.id, n3!.id])
    expect(p2.text.slice(0, p2.cites[0]!.at)).toMatch(/yours of 6 December\)$/)
    expect(n3!.text).toBe('Rusk was in Tokyo January 24–28 to attend the meeting of the Joint U.S.-Japan Committee on Trade and Economic Affairs; see Document 7.')
  })

  it('keeps an unnumbered source note, on the page where it stands', () => {
    const [note] = doc('d2').units.filter((u) => u.kind === 'footnote')
    expect(note).toMatchObject({ citedBy: [], pages: [{ page: 2, at: 0 }] })
    expect(note!.label).toBeUndefined()
    expect(note!.text).toMatch(/^\[Source: Department of State, INR\/IL Historical Files/)
  })

  it('reads SUBJECT and PARTICIPANTS lists before the first paragraph as head lines', () => {
    const heads = texts(doc('d14'), 'head')
    expect(heads[1]).toBe('SUBJECT\nU.S. Policy toward the Ryukyu Islands')
    expect(heads[2]).toMatch(/^PARTICIPANTS\nLieutenant General Albert Watson II, USA/)
    expect(heads).toHaveLength(9)
  })

  it('follows pages across and inside paragraphs, and between documents', () => {
    const p4 = doc('d14').units.find((u) => u.id.endsWith('d14/p4'))!
    expect(p4.pages.map((p) => p.page)).toEqual([14, 15])
    expect(p4.text.slice(p4.pages[1]!.at)).toMatch(/^\S/)
    expect(doc('d1').units[0]!.pages).toEqual([{ page: 1, at: 0 }])
  })

  it('reads front matter as sections, and leaves out the contents and the index', () => {
    const sections = parsed.documents.filter((d) => d.type === 'section').map((d) => d.id.replace(`${VOLUME}-`, ''))
    expect(sections).toEqual(['preface', 'subseriesvols', 'sources', 'terms', 'persons', 'actionsstatement'])
    expect(doc('terms').units.find((u) => u.text.startsWith('PRIMIN'))!.text).toBe('PRIMIN Prime Minister')
    expect(doc('preface').chapter).toBe('Front matter')
  })

  it('reads table rows as readable text', () => {
    expect(texts(doc('subseriesvols'), 'paragraph')).toContain('I | Vietnam, 1964 (1992)')
  })
})

describe('parseTei', () => {
  it('numbers documents by @n and keeps an attachment in its document', () => {
    const { documents } = parseTei(tei(`<div type="document" n="7" xml:id="d7"><head>7. Telegram<note n="1" xml:id="d7fn1">Source: files.</note></head>
      <p>Text of the telegram.</p><div type="attachment"><head>Attachment</head><p>Attached paper.</p></div></div>`), 'v.xml', 'x')
    expect(documents).toHaveLength(1)
    const [d] = documents
    expect(d).toMatchObject({ id: 'v1-d7', number: '7', title: 'Telegram', chapter: 'Chapter One' })
    expect(d!.units.map((u) => [u.kind, u.text])).toEqual([
      ['title', 'Telegram'], ['paragraph', 'Text of the telegram.'], ['head', 'Attachment'], ['paragraph', 'Attached paper.'],
      ['footnote', 'Source: files.'],
    ])
  })

  it('keeps words of inline elements, and line breaks', () => {
    const { documents } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. T</head>
      <p>The <persName corresp="#p_R">Secretary</persName> met <hi rend="italic">Ohira</hi>.<lb/>Next line.</p></div>`), 'v.xml', 'x')
    expect(documents[0]!.units[1]!.text).toBe('The Secretary met Ohira.\nNext line.')
  })

  it('makes every block nested in a paragraph a unit of its own, in reading order, with its own pages and notes', () => {
    const { documents, diagnostics } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. Memorandum</head>
      <pb n="10" xml:id="pg_10"/>
      <p>The points agreed were:<list>
        <item><p>First, the talks.<note n="1" xml:id="d1fn1">See Document 3.</note></p><p>They resume in May.</p></item>
        <item>Second, the <pb n="11" xml:id="pg_11"/>treaty.</item>
      </list>and the Secretary closed the meeting.<table><row><cell>Yen</cell><cell>360</cell></row></table> Done.</p>
      <p>A last paragraph.</p></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([])
    const units = documents[0]!.units
    expect(units.map((u) => [u.id.slice(6), u.text, u.pages.map((p) => p.page)])).toEqual([
      ['title', 'Memorandum', []],
      ['p1', 'The points agreed were:', [10]],
      ['p2', 'First, the talks.', [10]],
      ['p3', 'They resume in May.', [10]],
      ['p4', 'Second, the treaty.', [10, 11]],
      ['p5', 'and the Secretary closed the meeting.', [11]],
      ['p6', 'Yen | 360', [11]],
      ['p7', 'Done.', [11]],
      ['p8', 'A last paragraph.', [11]],
      ['n1', 'See Document 3.', [10]],
    ])
    expect(units.find((u) => u.id === 'v1-d1/p2')!.cites).toEqual([{ note: 'v1-d1/n1', at: 'First, the talks.'.length }])
  })

  it('refuses a document id given twice, naming both lines', () => {
    const { diagnostics } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. First</head><p>Alpha.</p></div>
      <div type="document" n="2" xml:id="d1"><head>2. Second</head><p>Beta.</p></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([{
      severity: 'error', file: 'v.xml', line: 5, message: 'document id v1-d1 is given twice in this volume (first at line 4); give each div its own xml:id',
    }])
  })

  it('warns of a block left without text at the line it opens on', () => {
    const { diagnostics } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. T</head>
      <p>Text.</p>
      <p><note n="1" xml:id="d1fn1">Only a note.</note></p></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([{ severity: 'warning', file: 'v.xml', line: 6, message: 'v1-d1: a paragraph has no text' }])
  })

  it('parts the words that markup parts without a space: verse lines, a caption, a salute after a dateline', () => {
    const { documents, diagnostics } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. Letter</head>
      <opener><dateline>Tokyo, <date when="1965-01-01">January 1, 1965</date>.</dateline><salute>Dear Dean:</salute></opener>
      <p>He quoted:<lg><l>first line</l><l>second line</l></lg>and went on.</p>
      <p>He wrote<quote>no</quote>, and left.</p>
      <p>The figures:<table><head>Trade in 1964</head><row><cell>Yen</cell><cell>360</cell></row></table></p></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([])
    expect(documents[0]!.units.map((u) => u.text)).toEqual([
      'Letter', 'Tokyo, January 1, 1965.\nDear Dean:', 'He quoted:\nfirst line\nsecond line\nand went on.', 'He wrote\nno, and left.', 'The figures:\nTrade in 1964', 'Yen | 360',
    ])
  })

  it('numbers a list\'s items by their labels, not as units of their own', () => {
    const { documents } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. Memorandum</head>
      <list><label>1.</label><item>An agent arrived.</item><label>2.</label><item>He asked for arms.</item></list>
      <p>Agreed:<list><label>(a)</label><item>the talks;</item><label>(b)</label><item>the treaty.</item></list></p>
      <list><item>Rice.</item><label>Total:</label></list><list><item>Tea.</item><label>3.</label></list></div>`), 'v.xml', 'x')
    expect(documents[0]!.units.map((u) => u.text)).toEqual([
      'Memorandum', '1. An agent arrived.', '2. He asked for arms.', 'Agreed:', '(a) the talks;', '(b) the treaty.', 'Rice.', 'Total:', 'Tea.', '3.',
    ])
  })

  it('begins an item with a paragraph that is only its number, as with a label', () => {
    const { documents } = parseTei(tei(`<div type="document" n="184" xml:id="d184"><head>Minutes</head>
      <p rend="center">1.</p><p>The Commissioners met.</p><p rend="center">2.</p><pb n="191" xml:id="pg_191"/><p>Mr. Lansing spoke.</p>
      <p rend="center">(c)</p><p>Mr. Grew wrote.</p><p rend="center">4.</p></div>`), 'v.xml', 'x')
    expect(documents[0]!.units.map((u) => [u.text, u.pages.map((p) => p.page)])).toEqual([
      ['Minutes', []], ['1. The Commissioners met.', []], ['2. Mr. Lansing spoke.', [191]], ['(c) Mr. Grew wrote.', [191]], ['4.', [191]],
    ])
  })

  it('reads a choice once, as the editors give it, an inline note as words of its block, an anonymous block as a paragraph', () => {
    const { documents, diagnostics } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. Memorandum</head>
      <p>Received <choice><sic>teh</sic><corr>the</corr></choice> reply <choice><abbr>Dept.</abbr><expan>Department</expan></choice>.</p>
      <frus:attachment><head><note rend="inline">Attachment</note> Talking Points</head><ab>Points for the Secretary.</ab></frus:attachment>
      <p><note rend="inline">[Omitted here is discussion of trade.]</note></p></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([])
    expect(documents[0]!.units.map((u) => [u.kind, u.text])).toEqual([
      ['title', 'Memorandum'], ['paragraph', 'Received the reply Department.'], ['head', 'Attachment Talking Points'],
      ['paragraph', 'Points for the Secretary.'], ['paragraph', '[Omitted here is discussion of trade.]'],
    ])
  })

  it('reads an opener before the first paragraph or after a head as a head line, and a salute as a paragraph', () => {
    const { documents, diagnostics } = parseTei(tei(`<div type="document" n="40" xml:id="d40"><head>Mr. <persName type="from">Adams</persName> to Mr. Hay.</head>
      <opener><dateline><placeName>London,</placeName> <date when="1861-03-22">March 22, 1861</date>.</dateline> <seg>No. 325.]</seg></opener>
      <salute>Sir:</salute><p>I have the honor to report.</p><closer><signed>C. ADAMS.</signed></closer>
      <p>Later.</p><opener>Second letter.</opener>
      <frus:attachment><head>Enclosure</head><opener><dateline>Paris, <date when="1861-03-20">March 20</date></dateline></opener><p>Note.</p></frus:attachment></div>`), 'v.xml', 'x')
    expect(diagnostics).toEqual([])
    expect(documents[0]).toMatchObject({ date: '1861-03-22', place: 'London' })
    expect(documents[0]!.units.map((u) => [u.kind, u.text])).toEqual([
      ['title', 'Mr. Adams to Mr. Hay.'], ['head', 'London, March 22, 1861. No. 325.]'], ['paragraph', 'Sir:'],
      ['paragraph', 'I have the honor to report.'], ['paragraph', 'C. ADAMS.'], ['paragraph', 'Later.'], ['paragraph', 'Second letter.'],
      ['head', 'Enclosure'], ['head', 'Paris, March 20'], ['paragraph', 'Note.'],
    ])
  })

  it('dates a document without a dateline by the date the editors gave it, and prefers the dateline', () => {
    const { documents } = parseTei(tei(`<div type="document" n="1" xml:id="d1" frus:doc-dateTime-min="1969-11-20T18:03:00-05:00"><head>1. Editorial Note</head><p>Text.</p></div>
      <div type="document" n="2" xml:id="d2" frus:doc-dateTime-min="1969-11-01T00:00:00-05:00"><head>2. Telegram</head>
      <dateline><date when="1969-11-21">November 21</date></dateline><p>Text.</p></div>
      <div type="document" n="3" xml:id="d3" frus:doc-dateTime-min="undated"><head>3. Paper</head><p>Text.</p></div>
      <div type="document" n="4" xml:id="d4" frus:doc-dateTime-min="1969-12-01"><head>4. Letter</head><dateline>Washington, undated.</dateline><p>Text.</p>
      <frus:attachment><head>Enclosure</head><dateline>Tokyo, November 2, 1969.</dateline><p>Text.</p></frus:attachment></div>`), 'v.xml', 'x')
    expect(documents.map((d) => d.date)).toEqual(['1969-11-20', '1969-11-21', undefined, '1969-12-01'])
  })

  it('never dates or places a document by its attachment\'s dateline, and reads its own wherever it stands', () => {
    const { documents } = parseTei(tei(`<div type="document" n="5" xml:id="d5" frus:doc-dateTime-min="1969-12-05"><head>5. Letter</head>
      <dateline>Washington, undated.</dateline><p>Text.</p>
      <frus:attachment><head>Enclosure</head><dateline><placeName>Tokyo</placeName>, <date when="1969-11-02">November 2, 1969</date></dateline><p>Text.</p></frus:attachment></div>
      <div type="document" n="6" xml:id="d6"><head>6. Memorandum</head><p>Text.</p>
      <div type="attachment"><head>Paper</head><dateline><placeName>Paris</placeName>, <date when="1862-01-02">January 2</date></dateline><p>Text.</p></div>
      <closer><dateline><placeName>London</placeName>, <date when="1862-01-04">January 4, 1862</date></dateline></closer></div>`), 'v.xml', 'x')
    expect(documents.map((d) => [d.date, d.place])).toEqual([['1969-12-05', undefined], ['1862-01-04', 'London']])
  })

  it('reads a dateline whose date has no when from its text', () => {
    const { documents } = parseTei(tei(`<div type="document" n="1" xml:id="d1"><head>1. Mr. Adams to Mr. Seward.</head>
      <opener><dateline>Legation of the United States,<lb/>London, <date>March 22, 1861</date>.</dateline></opener><p>Sir: I have the honor.</p></div>`), 'v.xml', 'x')
    expect(documents[0]).toMatchObject({ date: '1861-03-22', place: 'Legation of the United States, London' })
  })

  it('reports XML that is not well formed with its line, and reads nothing', () => {
    const r = parseTei('<TEI>\n<text>\n<p>unclosed\n</text>', 'bad.xml', 'x')
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'bad.xml', line: 4, message: expect.stringMatching(/^not well-formed XML/) })])
  })

  it('warns on a volume without documents, and a document without a head', () => {
    expect(parseTei(tei(''), 'v.xml', 'x').diagnostics[0]!.message).toBe('no <div type="document"> in this TEI file')
    const r = parseTei(tei('<div type="document" n="1" xml:id="d1"><p>Only text.</p></div>'), 'v.xml', 'x')
    expect(r.documents[0]!.title).toBe('v1-d1')
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', message: 'v1-d1 has no <head>: its id stands as its title' })
  })

  it('reads prose outside any document as a section of its chapter, with its notes, never dropping it', () => {
    const r = parseTei(tei(`<p>The editors introduce <persName corresp="#p_SJ1">Smith</persName>’s mission.<note n="1">On the mission.</note></p>
      <div type="document" n="1" xml:id="d1"><head>1. Telegram</head><p>Text of the telegram.</p></div>
      <pb n="9" xml:id="pg_9"/><p>A closing word from the editors.</p>`), 'v.xml', 'x')
    expect(r.diagnostics).toEqual([])
    expect(r.documents.map((d) => [d.id, d.type, d.title, d.chapter])).toEqual([
      ['v1-c1', 'section', 'Chapter One', 'Chapter One'],
      ['v1-d1', 'document', 'Telegram', 'Chapter One'],
      ['v1-c1-2', 'section', 'Chapter One', 'Chapter One'],
    ])
    expect(r.documents[0]!.units.map((u) => [u.kind, u.text])).toEqual([
      ['paragraph', 'The editors introduce Smith’s mission.'], ['footnote', 'On the mission.'],
    ])
    expect(r.documents[0]!.units[0]!.annotations).toEqual([expect.objectContaining({ type: 'person', target: 'v1-p_SJ1' })])
    expect(r.documents[2]!.units).toEqual([expect.objectContaining({ kind: 'paragraph', text: 'A closing word from the editors.', pages: [{ at: 0, page: 9 }] })])
  })

  it('reads a volume not yet digitized, whose body is a notice, as that notice, and warns that it has no documents', () => {
    const r = parseTei(`<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="v2"><teiHeader><fileDesc><titleStmt>
      <title type="complete">Volume Two, Microfiche Supplement</title></titleStmt></fileDesc></teiHeader>
      <text><body><p>This publication is in the process of being digitized.</p></body></text></TEI>`, 'v2.xml', 'x')
    expect(r.documents).toEqual([expect.objectContaining({
      id: 'v2-body', type: 'section', title: 'Volume Two, Microfiche Supplement',
      units: [expect.objectContaining({ kind: 'paragraph', text: 'This publication is in the process of being digitized.' })],
    })])
    expect(r.diagnostics.map((d) => d.message)).toEqual(['no <div type="document"> in this TEI file'])
  })

  it('reads a div marked a historical document as a document wherever it stands, an appendix’s each on its own', () => {
    const r = parseTei(`<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="v3"><teiHeader/><text>
      <front><titlePage><pb n="i" xml:id="pg_i"/><docTitle><titlePart>Volume Three</titlePart></docTitle></titlePage>
        <div type="section" subtype="historical-document" xml:id="message"><head>Message</head><p>Fellow-citizens of the Senate.</p></div></front>
      <body><div type="chapter" xml:id="ch1"><head>Great Britain</head>
        <div type="document" n="1" xml:id="d1"><head>1. Despatch</head><p>Sir: I have the honor.</p></div></div></body>
      <back><div type="section" subtype="appendix" xml:id="appendix"><head>Appendix A</head><p>Papers found since.</p>
          <div type="section" subtype="historical-document" xml:id="a1"><head>A.1 Memorandum</head><p>First paper.</p></div>
          <pb n="95" xml:id="pg_95"/>
          <div type="section" subtype="historical-document" xml:id="a2"><head>A.2 Letter</head><p>Second paper.</p></div></div>
        <div type="section" subtype="appendix" xml:id="appendixB"><head>Appendix B</head>
          <div type="section" subtype="historical-document" xml:id="b1"><head>B.1 Note</head><p>Third paper.</p></div></div></back>
    </text></TEI>`, 'v3.xml', 'x')
    expect(r.diagnostics).toEqual([])
    expect(r.documents.map((d) => [d.id, d.type, d.title, d.chapter])).toEqual([
      ['v3-message', 'document', 'Message', 'Front matter'],
      ['v3-d1', 'document', 'Despatch', 'Great Britain'],
      ['v3-appendix', 'section', 'Appendix A', 'Back matter'],
      ['v3-a1', 'document', 'A.1 Memorandum', 'Appendix A'],
      ['v3-a2', 'document', 'A.2 Letter', 'Appendix A'],
      ['v3-b1', 'document', 'B.1 Note', 'Appendix B'],
    ])
    expect(r.documents.find((d) => d.id === 'v3-a2')!.units[0]).toMatchObject({ text: 'A.2 Letter', pages: [{ at: 0, page: 95 }] })
    // The title page is not indexed (the header says what it says), but its page break is counted.
    expect(r.volume!.pages).toEqual(['i', 95])
  })
})

describe('the volume’s persons, abbreviations and references', () => {
  it('reads the persons list: name as given, role as described', () => {
    expect(parsed.volume!.persons).toHaveLength(124)
    expect(parsed.volume!.persons).toContainEqual({
      id: `${VOLUME}-p_RD3`, name: 'Rusk, Dean', role: 'Secretary of State from January 21, 1961 to January 20, 1969',
    })
  })

  it('reads the abbreviations list', () => {
    expect(parsed.volume!.terms).toHaveLength(188)
    expect(parsed.volume!.terms).toContainEqual({ id: `${VOLUME}-t_PRIMIN1`, abbreviation: 'PRIMIN', expansion: 'Prime Minister' })
  })

  it('marks every tagged person, abbreviation and reference where it stands in the clean text', () => {
    const all = parsed.documents.flatMap((d) => d.units.flatMap((u) => (u.annotations ?? []).map((a) => ({ ...a, text: u.text.slice(a.start, a.end) }))))
    // Every <persName corresp> and <gloss target> outside the index and contents, which are not indexed.
    expect(all.filter((a) => a.type === 'person')).toHaveLength(1769)
    expect(all.filter((a) => a.type === 'term')).toHaveLength(1122)
    const d5 = doc('d5')
    expect(d5.units.find((u) => u.id.endsWith('/p1'))!.annotations).toEqual([{ type: 'person', target: `${VOLUME}-p_RD3`, start: 5, end: 9 }])
    const n2 = d5.units.find((u) => u.id.endsWith('/n2'))!
    expect(n2.annotations).toEqual([{ type: 'ref', target: 'frus1961-63v22-d383', start: 4, end: n2.text.indexOf(' thereto') }])
  })

  it('reads the title parts of the header, for citations', () => {
    expect(parsed.volume).toMatchObject({
      series: 'Foreign Relations of the United States', subseries: '1964–1968', volumeNumber: 'Volume XXIX, Part 2', volumeTitle: 'Japan',
    })
  })
})
