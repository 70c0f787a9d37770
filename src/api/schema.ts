/**
 * The Folio API, declared once: every route's parameters and answers as
 * Valibot schemas. From this module come the request validation
 * (src/api/params.ts), `/openapi.json` (src/api/openapi.ts), the types the
 * routes answer with, and the types the widget reads.
 *
 * Valibot, by measurement: a bundle of a few such schemas, their validation and
 * their JSON Schema weighs 42 KB (7 KB gzip) with Valibot and its converter,
 * 244 KB (37 KB gzip) with TypeBox 0.34 and its error messages; `@hono/zod-openapi`
 * about 490 KB. Here the worker went from 238 to 291 KiB (65 to 75 KiB gzip),
 * the hand-written OpenAPI it replaces gone. Validation goes through Hono's own
 * `validator` (src/api/params.ts), which keeps today's messages without
 * another package.
 */
import * as v from 'valibot'
import { ERROR_STATUS, type ErrorCode } from '../errors'
import { ANNOTATION_TYPES, DOCUMENT_TYPES, UNIT_KINDS } from '../model'
import { FACETS, MAX_FACET_VALUES } from '../query/filters'

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 500
/** Most hits on one page of search results. */
export const MAX_LIMIT = 100
/** Deepest offset served: past it, a client should narrow the query instead. */
export const MAX_OFFSET = 10_000
/** Most entries on one page of a listing (/documents, /people). */
export const MAX_LISTING = 100
/** Most completions /suggest gives. */
export const MAX_SUGGESTIONS = 20
export const SORTS = ['relevance', 'date'] as const
export const CUTS = ['terms', 'fuzzy', 'postings', 'pages', 'phrases'] as const

// ---------------------------------------------------------------------------
// Parameters. Each reader is given its parameter's name, so that its errors
// name it. Values arrive as text; an empty or blank one counts as absent, and
// one that reads as an integer is given as a number (src/api/params.ts).

const YEARS = /^(\d{4})?(?:\.\.(\d{4})?)?$/

/** `got "…"` for an error message: the value as sent. */
const got = (input: unknown) => `got ${JSON.stringify(String(input))}`

/** A required text of at most `max` characters (src/api/params.ts says when it is missing). */
const text = (max: number, description: string, example: string) => (name: string) => v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(max, (issue) => `${name} is ${String(issue.input).length} characters long; the most is ${max}`),
  v.metadata({ description, examples: [example] }),
)

/** An optional text of at most `max` characters. */
const optionalText = (max: number, description: string) => (name: string) => v.optional(v.pipe(
  v.string(),
  v.maxLength(max, (issue) => `${name} is ${String(issue.input).length} characters long; the most is ${max}`),
  v.description(description),
))

/** An optional integer in `[min, max]`, `fallback` when absent. */
const integer = (min: number, max: number, fallback: number, description: string) => (name: string) => {
  const message = (issue: v.BaseIssue<unknown>) => `${name} must be an integer from ${min} to ${max}; ${got(issue.input)}`
  return v.optional(v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message), v.description(description)), fallback)
}

/** An optional choice among `values`. */
const choice = <const T extends readonly [string, ...string[]]>(values: T, description: string) => (name: string) =>
  v.optional(v.pipe(v.picklist(values, (issue) => `${name} must be one of ${values.join(', ')}; ${got(issue.input)}`), v.description(description)))

/** An optional text: an id of something the index holds (a volume, a chapter, a person, a document: the route checks that it does), or words. */
const optionalString = (description: string, example?: string) => () =>
  v.optional(v.pipe(v.string(), v.metadata({ description, ...(example !== undefined && { examples: [example] }) })))

/** An optional comma-separated list of unit kinds. */
const kinds = (description: string) => (name: string) => v.optional(v.pipe(
  v.string(),
  v.check((list) => list.split(',').every((k) => (UNIT_KINDS as readonly string[]).includes(k.trim())), (issue) => {
    const unknown = String(issue.input).split(',').map((k) => k.trim()).find((k) => !(UNIT_KINDS as readonly string[]).includes(k))
    return `${name} must be one or more of ${UNIT_KINDS.join(', ')} (comma-separated); got ${JSON.stringify(unknown)}`
  }),
  v.metadata({ description, examples: ['paragraph,footnote'] }),
  v.transform((list) => new Set(list.split(',').map((k) => k.trim()) as typeof UNIT_KINDS[number][])),
))

/** An optional year (`1965`) or inclusive range (`1965..1967`, `1965..`, `..1967`). */
const years = (description: string) => (name: string) => v.optional(v.pipe(
  v.string(),
  v.regex(YEARS, (issue) => `${name} must be a year (1965) or a range (1965..1967); ${got(issue.input)}`),
  v.check((s) => s !== '..', (issue) => `${name} must be a year (1965) or a range (1965..1967); ${got(issue.input)}`),
  v.description(description),
  v.transform((s) => {
    const [, from, to] = YEARS.exec(s)!
    return { from: from ? Number(from) : 0, to: s.includes('..') ? (to ? Number(to) : 9999) : Number(from) }
  }),
  v.check((range) => range.from <= range.to, (issue) => `${name} range ends before it starts; ${got(Object.values(issue.input as object).join('..'))}`),
))

type Reader = (name: string) => v.GenericSchema
/** A route's parameters: each reader given its name. */
function params<const R extends Record<string, Reader>>(readers: R) {
  return v.object(Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, read(name)])) as { [K in keyof R]: ReturnType<R[K]> })
}

const filters = {
  volume: optionalString('Only this volume.', 'frus1964-68v29p2'),
  chapter: optionalString('Only this chapter, by title.'),
  person: optionalString('Only documents that name this person (an id from /people).', 'frus1964-68v29p2-p_RD3'),
  year: years('A year of the document date (`1965`), or an inclusive range (`1965..1967`, `1965..`, `..1967`). Undated documents never match.'),
}
const listing = {
  limit: integer(1, MAX_LISTING, 20, 'Entries on this page.'),
  offset: integer(0, 1_000_000, 0, 'Entries skipped before this page.'),
}

export const SearchParams = params({
  q: text(MAX_QUERY_LENGTH, 'The query: words, `"exact phrase"`, `-word`, `-"phrase"`, `a OR b`, `word*`.', 'Krasnoyarsk radar'),
  limit: integer(1, MAX_LIMIT, 10, 'Hits on this page.'),
  offset: integer(0, MAX_OFFSET, 0, 'Hits skipped before this page.'),
  kind: kinds('One kind of unit, or several comma-separated.'),
  ...filters,
  doc: optionalString('Only units of this document.', 'frus1989-92v31-d49'),
  sort: choice(SORTS, '`relevance` (the default), or `date`: oldest document first, undated last, reading order within a document.'),
})

export const SuggestParams = params({
  q: text(MAX_QUERY_LENGTH, 'The query being typed: its last word is completed.', 'Krasn'),
  limit: integer(1, MAX_SUGGESTIONS, 8, 'Completions, at most.'),
})

export const DocumentsParams = params({
  ...listing,
  ...filters,
  type: choice(DOCUMENT_TYPES, '`document`, or `section` (front matter: preface, sources, abbreviations, persons).'),
})

export const PeopleParams = params({
  q: optionalText(MAX_QUERY_LENGTH, 'Words the name contains (folded: `arguello` finds Argüello).'),
  volume: optionalString('Only the persons of this volume.', 'frus1964-68v29p2'),
  ...listing,
})

export const ReadParams = params({
  q: optionalString(`Words to mark on the page (a query longer than ${MAX_QUERY_LENGTH} characters, or one that cannot be searched, marks nothing).`),
})

// ---------------------------------------------------------------------------
// Answers.

const integerValue = () => v.pipe(v.number(), v.integer())
const uri = (description: string) => v.pipe(v.string(), v.url(), v.description(description))

export const Page = v.pipe(
  v.union([integerValue(), v.string()]),
  v.description('A printed page: an integer, or a string for roman-numbered or facsimile pages.'),
)
export type Page = v.InferOutput<typeof Page>

const Kind = v.picklist(UNIT_KINDS)

export const Citation = v.pipe(v.strictObject({
  text: v.pipe(v.string(), v.description('The whole citation, as a historian writes it')),
  series: v.string(),
  subseries: v.optional(v.pipe(v.string(), v.metadata({ examples: ['1964–1968'] }))),
  volume: v.optional(v.pipe(v.string(), v.metadata({ examples: ['vol. XXIX, pt. 2'] }))),
  volume_title: v.optional(v.pipe(v.string(), v.metadata({ examples: ['Japan'] }))),
  document: v.optional(v.pipe(v.string(), v.description("The document number, or a section's title"))),
  page: v.optional(Page),
  url: v.optional(uri('The document on history.state.gov')),
}), v.description('How historians cite FRUS: Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, doc. 11, p. 9.'))
export type Citation = v.InferOutput<typeof Citation>

export const LinkedUnit = v.strictObject({
  id: v.string(),
  kind: Kind,
  n: integerValue(),
  label: v.optional(v.string()),
  text: v.string(),
  url: uri('The unit on its reading page'),
})
export type LinkedUnit = v.InferOutput<typeof LinkedUnit>

export const Hit = v.strictObject({
  id: v.pipe(v.string(), v.metadata({ examples: ['frus1989-92v31-d49/p14'] })),
  doc: v.string(),
  kind: Kind,
  n: v.pipe(integerValue(), v.description('Ordinal among the units of its kind in its document, from 1')),
  label: v.optional(v.pipe(v.string(), v.description('Footnotes: the mark as printed'))),
  title: v.pipe(v.string(), v.description("The document's title")),
  number: v.optional(v.pipe(v.string(), v.description('The document number as printed'))),
  date: v.optional(v.pipe(v.string(), v.description('ISO date from the dateline: YYYY-MM-DD, YYYY-MM or YYYY'))),
  chapter: v.optional(v.string()),
  volume: v.optional(v.pipe(v.string(), v.description('FRUS volume id'))),
  page: v.pipe(v.nullable(Page), v.description('The page where the best match starts; null when the source has no page numbers')),
  pages: v.array(Page),
  score: v.number(),
  matched: v.pipe(integerValue(), v.description("How many of the query's `words` the unit holds (all of them, unless the hit is a partial match)")),
  snippet: v.pipe(v.string(), v.description('HTML: document text escaped, matched words in <mark>')),
  snippet_text: v.pipe(v.string(), v.description('The same snippet as plain text')),
  highlights: v.pipe(v.array(v.pipe(v.tuple([integerValue(), integerValue()]), v.readonly())), v.description('[start, end) offsets of matched words in snippet_text')),
  notes: v.pipe(v.array(LinkedUnit), v.description('The notes this unit cites; for a footnote, the units that cite it')),
  citation: Citation,
  url: uri("Stable link to the unit on its document's reading page"),
})
export type Hit = v.InferOutput<typeof Hit>

const Counts = v.record(v.string(), integerValue())

/** What went into an index, in all or for one volume. */
const indexCounts = Object.fromEntries(['documents', 'sections', 'titles', 'heads', 'paragraphs', 'footnotes', 'pages', 'units'].map((k) => [k, integerValue()])) as
  Record<'documents' | 'sections' | 'titles' | 'heads' | 'paragraphs' | 'footnotes' | 'pages' | 'units', ReturnType<typeof integerValue>>

export const SearchResponse = v.strictObject({
  query: v.string(),
  total: v.pipe(integerValue(), v.description(
    'Hits in all, after filters: the units with every word, and when the hits go on to partial matches (`partial`), those too; ' +
      'a lower bound when `total_relation` is `gte`',
  )),
  total_relation: v.pipe(v.picklist(['eq', 'gte']), v.description(
    '`eq`: every match was counted, and the facets are exact. `gte`: the query stopped once its best hits were certain, or at its budget; ' +
      "`total` and the facet counts are then lower bounds (as Elasticsearch's `track_total_hits`)",
  )),
  offset: integerValue(),
  limit: integerValue(),
  took_ms: v.pipe(v.number(), v.description('Time spent searching. Workers advance their clock only across I/O, so a deployed worker reports 0.')),
  full: v.pipe(integerValue(), v.description('Units with every word, after filters: they rank first, and the hits from this rank on are partial matches')),
  partial: v.pipe(v.boolean(), v.description('The units with every word did not fill the page: the hits go on to units with some of the words')),
  words: v.pipe(integerValue(), v.description("The query's words, phrases and `OR` choices, each counted once: what a hit's `matched` counts")),
  ignored: v.pipe(v.array(v.string()), v.description(
    'Common words the query was searched without, as written (`What did Rusk say about Okinawa?` is searched for `Rusk say Okinawa`): ' +
      'left out of a query that has other words, unless in a phrase, an `OR`, a prefix, an exclusion or a compound (`state-of-the-art`), or written in capitals',
  )),
  expansions: v.pipe(
    v.array(v.strictObject({ query: v.string(), also: v.string(), volume: v.string() })),
    v.description("Abbreviations of the volumes' lists searched for their meaning too (PriMin → Prime Minister), or the other way round"),
  ),
  cut: v.pipe(v.array(v.picklist(CUTS)), v.description(
    "What the query's budget left out, if anything: `terms` (expansions past the most a query holds), `fuzzy` (lexicon pages left unsearched " +
      "for a typo's neighbours), `postings` and `pages` (units left unevaluated: the hits are the best of those evaluated), `phrases` " +
      '(candidates left unchecked)',
  )),
  facets: v.pipe(
    v.strictObject(Object.fromEntries(FACETS.map((f) => [f, Counts])) as Record<(typeof FACETS)[number], typeof Counts>),
    v.description(
      'Counts of matching units by value. Each facet counts with every filter applied but its own, so it shows what choosing another value would give. ' +
        `\`kind\` lists every kind; \`year\` is in year order; the others list the ${MAX_FACET_VALUES} most frequent values, most frequent first.`,
    ),
  ),
  hits: v.array(Hit),
})
export type SearchResponse = v.InferOutput<typeof SearchResponse>

export const Suggestion = v.strictObject({
  text: v.pipe(v.string(), v.description('The whole query, last word completed')),
  word: v.pipe(v.string(), v.description('The completed word, as the corpus usually writes it')),
  units: v.pipe(integerValue(), v.description('Units containing the word')),
  together: v.optional(v.pipe(integerValue(), v.description(
    'Units containing the word with the query\'s other words, which order the completions (counted within a small budget, so a lower bound on a large corpus); absent for a query of one word',
  ))),
})
export type Suggestion = v.InferOutput<typeof Suggestion>

export const SuggestResponse = v.strictObject({ query: v.string(), suggestions: v.array(Suggestion) })
export type SuggestResponse = v.InferOutput<typeof SuggestResponse>

export const DocumentSummary = v.strictObject({
  id: v.string(),
  type: v.pipe(v.picklist(DOCUMENT_TYPES), v.description('`section`: front matter (preface, sources, abbreviations, persons)')),
  number: v.optional(v.pipe(v.string(), v.description('The document number as printed'))),
  title: v.string(),
  volume: v.optional(v.pipe(v.string(), v.description('FRUS volume id'))),
  date: v.optional(v.pipe(v.string(), v.description('ISO date from the dateline: YYYY-MM-DD, YYYY-MM or YYYY'))),
  place: v.optional(v.string()),
  chapter: v.optional(v.string()),
  source: v.optional(uri('The document on history.state.gov')),
  units: integerValue(),
  pages: v.pipe(v.array(Page), v.description('First and last page')),
  citation: Citation,
  url: uri('The reading page'),
})
export type DocumentSummary = v.InferOutput<typeof DocumentSummary>

export const DocumentsResponse = v.strictObject({ total: integerValue(), offset: integerValue(), limit: integerValue(), documents: v.array(DocumentSummary) })
export type DocumentsResponse = v.InferOutput<typeof DocumentsResponse>

export const DocumentLink = v.strictObject({
  id: v.string(),
  title: v.optional(v.string()),
  number: v.optional(v.string()),
  in_corpus: v.boolean(),
  url: v.optional(uri('The reading page when indexed, else history.state.gov')),
})
export type DocumentLink = v.InferOutput<typeof DocumentLink>

export const Annotation = v.strictObject({
  type: v.picklist(ANNOTATION_TYPES),
  target: v.string(),
  start: integerValue(),
  end: integerValue(),
  name: v.optional(v.string()),
  role: v.optional(v.string()),
  expansion: v.optional(v.string()),
  in_corpus: v.optional(v.boolean()),
  url: v.optional(uri('Where the person, or the document referred to, is')),
})

export const Unit = v.strictObject({
  id: v.string(),
  kind: Kind,
  n: integerValue(),
  label: v.optional(v.string()),
  text: v.pipe(v.string(), v.description('Clean text: no page markers, no footnote digits')),
  pages: v.array(v.strictObject({ page: Page, at: v.pipe(integerValue(), v.description('Offset in text where the page starts')) })),
  cites: v.array(v.strictObject({ note: v.string(), at: v.pipe(integerValue(), v.description('Offset in text where the marker stood')) })),
  cited_by: v.optional(v.pipe(v.array(v.string()), v.description('Footnotes: ids of the units citing it'))),
  annotations: v.pipe(v.array(Annotation), v.description("The editors' markup: persons named, abbreviations, references to documents, as [start, end) offsets into text")),
  citation: Citation,
  url: uri('The unit on its reading page'),
})

export const DocumentResponse = v.strictObject({
  ...DocumentSummary.entries,
  references: v.strictObject({ cites: v.array(DocumentLink), cited_by: v.array(DocumentLink) }),
  people: v.array(v.strictObject({ id: v.string(), name: v.string(), mentions: integerValue(), url: uri('The person') })),
  units: v.array(Unit),
})
export type DocumentResponse = v.InferOutput<typeof DocumentResponse>

const personFacts = {
  id: v.string(),
  name: v.pipe(v.string(), v.description('As the list gives it: `Rusk, Dean`')),
  role: v.optional(v.pipe(v.string(), v.description('As the list gives it: `Secretary of State`'))),
  volume: v.string(),
}

export const Person = v.strictObject({
  ...personFacts,
  documents: v.pipe(integerValue(), v.description('Documents naming them')),
  mentions: v.pipe(integerValue(), v.description('Times those documents name them')),
  url: uri('The person, with the documents naming them'),
})

export const PeopleResponse = v.strictObject({ total: integerValue(), offset: integerValue(), limit: integerValue(), people: v.array(Person) })
export type PeopleResponse = v.InferOutput<typeof PeopleResponse>

export const PersonResponse = v.strictObject({
  ...personFacts,
  documents: v.array(v.strictObject({
    id: v.string(), title: v.string(), number: v.optional(v.string()), date: v.optional(v.string()), mentions: integerValue(), url: uri('The reading page'),
  })),
})
export type PersonResponse = v.InferOutput<typeof PersonResponse>

export const HealthResponse = v.strictObject({
  status: v.literal('ok'),
  version: v.string(),
  index: v.strictObject({
    hash: v.pipe(v.string(), v.description('Content hash of the index; also in every ETag')),
    built_at: v.pipe(v.string(), v.isoTimestamp()),
    documents: integerValue(),
    units: integerValue(),
    counts: v.pipe(
      v.strictObject({ ...indexCounts, volumes: v.array(v.strictObject({ id: v.string(), title: v.string(), ...indexCounts })) }),
      v.description('What went into the index, in all and per volume (`sections`: front matter; `pages`: printed pages)'),
    ),
    bytes: v.strictObject({ raw: integerValue(), gzip: integerValue() }),
  }),
  last_build: v.optional(v.pipe(
    v.strictObject({ failed_at: v.pipe(v.string(), v.isoTimestamp()), corpus: v.string(), errors: v.array(v.string()) }),
    v.description('Under `npm start` (wrangler dev) only: the last build failed, and this index, the one before it, is still served; why, as the build printed it'),
  )),
})
export type HealthResponse = v.InferOutput<typeof HealthResponse>

export const ErrorBody = v.strictObject({
  error: v.strictObject({
    code: v.picklist(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: v.string(),
    param: v.optional(v.pipe(v.string(), v.description('The parameter at fault'))),
  }),
})

/** The schemas the OpenAPI document names as components. */
export const COMPONENTS = { SearchResponse, Hit, Citation, LinkedUnit, Suggestion, DocumentSummary, DocumentLink, Unit, Person, Error: ErrorBody }

// ---------------------------------------------------------------------------
// Routes.

type Media = 'text/html' | 'text/javascript' | 'application/json'

export interface Answer {
  description: string
  /** JSON answers: their schema. */
  schema?: v.GenericSchema
  /** Other answers: their media type. */
  media?: Media
}

export interface RouteSpec {
  summary: string
  description?: string
  /** Query parameters, validated before the handler runs. */
  query?: v.ObjectSchema<v.ObjectEntries, undefined>
  /** Path parameters: the handler looks them up. */
  path?: Record<string, { description: string; example: string }>
  responses: Record<number, Answer>
}

const error = (description: string): Answer => ({ description, schema: ErrorBody })
const invalid = error('A parameter is missing or invalid; `param` names it')

export const ROUTES = {
  '/search': {
    summary: 'Search units',
    description:
      'Units with every word rank first; when they do not fill the page, units with some of the words follow, first those whose document holds more of the words, then those holding more themselves ' +
      '(`full` counts the units with every word, each hit says how many words it `matched`). ' +
      '`"exact phrase"`, `-word` or `-"phrase"` to exclude, `a OR b`, `word*` for a prefix. ' +
      'The last word is also completed as a prefix while typing (no trailing space). A word the corpus lacks matches words one or two edits away.',
    query: SearchParams,
    responses: { 200: { description: 'Ranked hits', schema: SearchResponse }, 400: invalid },
  },
  '/suggest': {
    summary: 'Complete the last word of a query',
    query: SuggestParams,
    responses: {
      200: {
        description: 'Completions: alone, the most widespread words first; after other words, those found with them in the same units, weighed by rarity',
        schema: SuggestResponse,
      },
      400: invalid,
    },
  },
  '/documents': {
    summary: 'List documents',
    query: DocumentsParams,
    responses: { 200: { description: 'A page of documents', schema: DocumentsResponse }, 400: invalid },
  },
  '/documents/{id}': {
    summary: 'One document, its units in reading order',
    path: { id: { description: 'The document id', example: 'frus1989-92v31-d49' } },
    responses: { 200: { description: 'The document', schema: DocumentResponse }, 404: error('No document has this id') },
  },
  '/people': {
    summary: "The persons of the volumes' lists",
    description: "Each with the role the volume gives, and how many documents name them (by the editors' markup, however the text names them).",
    query: PeopleParams,
    responses: { 200: { description: 'A page of persons', schema: PeopleResponse }, 400: invalid },
  },
  '/people/{id}': {
    summary: 'One person, and the documents that name them',
    path: { id: { description: 'The person id', example: 'frus1964-68v29p2-p_RD3' } },
    responses: { 200: { description: 'The person', schema: PersonResponse }, 404: error('No person has this id') },
  },
  '/health': {
    summary: 'Status and index facts',
    responses: { 200: { description: 'Serving', schema: HealthResponse }, 503: error('The index is missing, broken or of another format; `message` names the file') },
  },
  '/openapi.json': {
    summary: 'This description',
    responses: { 200: { description: 'OpenAPI 3.1 document', media: 'application/json' } },
  },
  '/': {
    summary: 'The demo page: the search box live on the corpus, and the two lines to embed it',
    responses: { 200: { description: 'HTML', media: 'text/html' } },
  },
  '/read/{id}': {
    summary: "A document's reading page",
    description: 'Units in order, page numbers in the margin, linked notes, persons, abbreviations and references, a citation per unit. `q` marks its words; a fragment (`#p14`, the `url` of a hit) opens at a unit.',
    path: { id: { description: 'The document id', example: 'frus1989-92v31-d49' } },
    query: ReadParams,
    responses: { 200: { description: 'HTML', media: 'text/html' }, 404: { description: 'HTML: no such document', media: 'text/html' } },
  },
  '/widget.js': {
    summary: 'The <folio-search> and <folio-cite> web components, an ES module',
    responses: { 200: { description: 'JavaScript', media: 'text/javascript' } },
  },
} as const satisfies Record<string, RouteSpec>
