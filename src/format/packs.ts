/**
 * Every kind of pack the index is made of, its sections declared once: the
 * build writes them (index/) and the worker reads them (src/) typed from
 * these schemas, and a pack of another kind or index format is refused.
 */
import { packSchema } from '../pack'
import { FORMAT, PAGE_KINDS, type PageKind, type ResidentMeta } from './layout'

/** The page files of every kind, named in the resident file. */
export type PageFiles = { [K in PageKind as `files.${K}`]: { type: 'strings'; about: string } } & { [K in PageKind as `sizes.${K}`]: { type: 'u32'; about: string } }

const pageFiles = Object.fromEntries(PAGE_KINDS.flatMap((kind) => [
  [`files.${kind}`, { type: 'strings', about: `The ${kind} page files, in order` }],
  [`sizes.${kind}`, { type: 'u32', about: `Each ${kind} page file's size in bytes (a shorter one was truncated)` }],
])) as PageFiles

/** Read once per isolate: the page tables, the sorted tables' sparse indexes, the documents' facts that filters and facets need. */
export const RESIDENT = packSchema<ResidentMeta>()('resident', FORMAT, {
  lexiconKeys: { type: 'strings', about: "Every `step`-th key of the lexicon, the sparse index's keys" },
  lexiconPages: { type: 'u32', about: 'The key number of each lexicon page\'s first key' },
  lexiconShared: { type: 'u8', about: 'Per step, how many leading characters every key of the step shares (at most 255)' },
  keyFilter: { type: 'u32', about: "The lexicon's keys as a Bloom filter's bits: proves a key absent without reading its page" },
  completionKeys: { type: 'strings', about: 'Every `step`-th key of the completions table' },
  completionPages: { type: 'u32', about: 'The key number of each completions page\'s first key' },
  completionShared: { type: 'u8', about: 'Per step of the completions table, the characters its keys share' },
  postingsTerms: { type: 'strings', about: 'Per postings page, the last term whose postings start on it or on a page before (a term starts on the first page whose entry is not below it)' },
  positionsTerms: { type: 'strings', about: 'The same per positions page' },
  unitPages: { type: 'u32', about: 'The number of the first unit of each units page' },
  docPages: { type: 'u32', about: 'The number of the first document of each documents page' },
  docFirst: { type: 'u32', about: "Each document's first unit, and the unit count last" },
  docIds: { type: 'u8', about: "The documents' ids, in reading order, front-coded (src/front-coded.ts): their count, then blocks end to end" },
  docIdBlocks: { type: 'u32', about: 'Where each block of docIds starts' },
  docIdOrder: { type: 'u32', about: 'Document numbers in the order of their ids (to find an id by bisection)' },
  docVolume: { type: 'u32', about: "Each document's volume, a code + 1 into volumeIds; 0 for none" },
  docChapter: { type: 'u32', about: "Each document's chapter, a code + 1 into chapters; 0 for none" },
  docDate: { type: 'u32', about: "Each document's date as yyyymmdd (00 for an unknown month or day); 0 when undated" },
  docType: { type: 'u8', about: '0 a document, 1 a front-matter section' },
  docPeopleStart: { type: 'u32', about: 'Document d names persons docPeople[docPeopleStart[d]] to docPeople[docPeopleStart[d + 1] - 1]' },
  docPeople: { type: 'u32', about: 'Codes into personIds' },
  docMentions: { type: 'u32', about: 'How many times the document names each of its persons' },
  volumeIds: { type: 'strings', about: 'The volume ids the codes stand for' },
  chapters: { type: 'strings', about: 'The chapter titles the codes stand for' },
  personIds: { type: 'strings', about: 'The person ids the codes stand for' },
  personSurnames: { type: 'strings', about: "The persons' surnames, by code: a hit marks a person named another way (`Dean` for Dean Rusk) when its surname is asked" },
  ...pageFiles,
})

/** A page of a sorted table (the lexicon, the completions): keys in order and each key's value bytes. */
export const SORTED_PAGE = packSchema()('sorted-page', FORMAT, {
  keys: { type: 'strings', about: 'The keys, in order' },
  valueStart: { type: 'u32', about: "Where each key's value starts in values, and the end last" },
  values: { type: 'u8', about: 'The values end to end (src/format/lexicon.ts)' },
})

/** A page of units in reading order, whole units only. */
export const UNITS_PAGE = packSchema()('units', FORMAT, {
  text: { type: 'u8', about: "The units' clean text, UTF-8, end to end" },
  textStart: { type: 'u32', about: "Where each unit's text starts, and the end last" },
  facts: { type: 'u8', about: "Each unit's facts as JSON (src/format/units.ts), end to end" },
  factsStart: { type: 'u32', about: "Where each unit's facts start, and the end last" },
  heads: { type: 'u8', about: 'The heads (title, date, chapter) of the documents the page holds units of, as JSON' },
  headsStart: { type: 'u32', about: 'Where each head starts, and the end last' },
})

/** A page of documents' facts, whole documents only. */
export const DOCUMENTS_PAGE = packSchema()('documents', FORMAT, {
  docs: { type: 'u8', about: "Each document's facts as JSON (DocumentEntry without first and count), end to end" },
  docsStart: { type: 'u32', about: "Where each document's facts start, and the end last" },
})
