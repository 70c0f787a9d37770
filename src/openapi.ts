/**
 * The API described for clients: OpenAPI 3.1, served at `/openapi.json`.
 * A test checks that every route the worker answers is described here and
 * that answers carry the fields described as required.
 */
import { version } from '../package.json'
import { ERROR_STATUS } from './errors'
import { UNIT_KINDS } from './model'
import { FACETS, MAX_FACET_VALUES } from './query/filters'
import { MAX_LIMIT, MAX_OFFSET, MAX_QUERY_LENGTH, SORTS } from './routes/search'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } })
const errorResponse = (description: string) => json(ref('Error'), description)
const page = { description: 'A printed page: an integer, or a string for roman-numbered or facsimile pages.', oneOf: [{ type: 'integer' }, { type: 'string' }] }
const kind = { type: 'string', enum: UNIT_KINDS }
const filterParameters = [
  { name: 'volume', in: 'query', description: 'Only this volume (`frus1964-68v29p2`).', schema: { type: 'string' } },
  { name: 'chapter', in: 'query', description: 'Only this chapter, by title.', schema: { type: 'string' } },
  { name: 'person', in: 'query', description: 'Only documents that name this person (an id from /people, e.g. `frus1964-68v29p2-p_RD3`).', schema: { type: 'string' } },
  { name: 'year', in: 'query', description: 'A year of the document date (`1965`), or an inclusive range (`1965..1967`, `1965..`, `..1967`). Undated documents never match.', schema: { type: 'string', pattern: '^(\\d{4})?(\\.\\.(\\d{4})?)?$' } },
]
const documentFacts = {
  type: { type: 'string', enum: ['document', 'section'], description: '`section`: front matter (preface, sources, abbreviations, persons)' },
  number: { type: 'string', description: 'The document number as printed' },
  title: { type: 'string' },
  volume: { type: 'string', description: 'FRUS volume id' },
  date: { type: 'string', description: 'ISO date from the dateline: YYYY-MM-DD, YYYY-MM or YYYY' },
  place: { type: 'string' },
  chapter: { type: 'string' },
  source: { type: 'string', format: 'uri', description: 'The document on history.state.gov' },
}

export const openapi = {
  openapi: '3.1.0',
  info: {
    title: 'Folio',
    version,
    description:
      'Full-text search over archival documents (FRUS): each document split into its title, head lines, paragraphs and footnotes, ' +
      'ranked with BM25, with highlighted snippets, pages and notes. Every answer is JSON; CORS is open to every origin.',
  },
  paths: {
    '/search': {
      get: {
        summary: 'Search units',
        description:
          'Units with every word rank first; when they do not fill the page, units with some of the words follow, first those whose document holds more of the words, then those holding more themselves ' +
          '(`full` counts the units with every word, each hit says how many words it `matched`). ' +
          '`"exact phrase"`, `-word` or `-"phrase"` to exclude, `a OR b`, `word*` for a prefix. ' +
          'The last word is also completed as a prefix while typing (no trailing space). A word the corpus lacks matches words one or two edits away.',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH }, example: 'Krasnoyarsk radar' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 10 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } },
          { name: 'kind', in: 'query', description: 'One kind, or several comma-separated.', schema: { type: 'string' }, example: 'paragraph,footnote' },
          ...filterParameters,
          { name: 'doc', in: 'query', description: 'Only units of this document.', schema: { type: 'string' }, example: 'frus1989-92v31-d49' },
          { name: 'sort', in: 'query', description: '`date`: oldest document first, undated last, reading order within a document.', schema: { type: 'string', enum: SORTS, default: 'relevance' } },
        ],
        responses: {
          200: json(ref('SearchResponse'), 'Ranked hits'),
          400: errorResponse('A parameter is missing or invalid; `param` names it'),
        },
      },
    },
    '/suggest': {
      get: {
        summary: 'Complete the last word of a query',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH }, example: 'Krasn' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 20, default: 8 } },
        ],
        responses: {
          200: json({
            type: 'object',
            required: ['query', 'suggestions'],
            properties: {
              query: { type: 'string' },
              suggestions: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['text', 'word', 'units'],
                  properties: {
                    text: { type: 'string', description: 'The whole query, last word completed' },
                    word: { type: 'string' },
                    units: { type: 'integer', description: 'Units containing the word' },
                  },
                },
              },
            },
          }, 'Completions, most widespread first'),
          400: errorResponse('q is missing or too long'),
        },
      },
    },
    '/documents': {
      get: {
        summary: 'List documents',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ...filterParameters,
          { name: 'type', in: 'query', schema: { type: 'string', enum: ['document', 'section'] } },
        ],
        responses: {
          200: json({
            type: 'object',
            required: ['total', 'offset', 'limit', 'documents'],
            properties: {
              total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' },
              documents: { type: 'array', items: ref('DocumentSummary') },
            },
          }, 'A page of documents'),
          400: errorResponse('limit or offset is invalid'),
        },
      },
    },
    '/documents/{id}': {
      get: {
        summary: 'One document, its units in reading order',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'frus1989-92v31-d49' }],
        responses: {
          200: json({
            allOf: [ref('DocumentSummary'), {
              type: 'object',
              required: ['units', 'references', 'people'],
              properties: {
                references: {
                  type: 'object',
                  properties: { cites: { type: 'array', items: ref('DocumentLink') }, cited_by: { type: 'array', items: ref('DocumentLink') } },
                },
                people: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, mentions: { type: 'integer' }, url: { type: 'string' } } } },
                units: { type: 'array', items: ref('Unit') },
              },
            }],
          }, 'The document'),
          404: errorResponse('No document has this id'),
        },
      },
    },
    '/people': {
      get: {
        summary: "The persons of the volumes' lists",
        description: 'Each with the role the volume gives, and how many documents name them (by the editors\' markup, however the text names them).',
        parameters: [
          { name: 'q', in: 'query', description: 'Words the name contains (folded: `arguello` finds Argüello).', schema: { type: 'string' } },
          { name: 'volume', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: json({
            type: 'object',
            required: ['total', 'offset', 'limit', 'people'],
            properties: {
              total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' },
              people: { type: 'array', items: { allOf: [ref('Person'), { type: 'object', properties: { documents: { type: 'integer' }, mentions: { type: 'integer' }, url: { type: 'string', format: 'uri' } } }] } },
            },
          }, 'A page of persons'),
          400: errorResponse('A parameter is invalid'),
        },
      },
    },
    '/people/{id}': {
      get: {
        summary: 'One person, and the documents that name them',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'frus1964-68v29p2-p_RD3' }],
        responses: {
          200: json({
            allOf: [ref('Person'), {
              type: 'object',
              required: ['documents'],
              properties: {
                documents: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'title', 'mentions', 'url'],
                    properties: { id: { type: 'string' }, title: { type: 'string' }, number: { type: 'string' }, date: { type: 'string' }, mentions: { type: 'integer' }, url: { type: 'string', format: 'uri' } },
                  },
                },
              },
            }],
          }, 'The person'),
          404: errorResponse('No person has this id'),
        },
      },
    },
    '/health': {
      get: {
        summary: 'Status and index facts',
        responses: {
          200: json({
            type: 'object',
            required: ['status', 'version', 'index'],
            properties: {
              status: { const: 'ok' },
              version: { type: 'string' },
              index: {
                type: 'object',
                required: ['hash', 'built_at', 'documents', 'units', 'counts', 'bytes'],
                properties: {
                  hash: { type: 'string', description: 'Content hash of the index; also in every ETag' },
                  built_at: { type: 'string', format: 'date-time' },
                  documents: { type: 'integer' },
                  units: { type: 'integer' },
                  counts: { type: 'object', additionalProperties: { type: 'integer' } },
                  bytes: { type: 'object', properties: { raw: { type: 'integer' }, gzip: { type: 'integer' } } },
                },
              },
            },
          }, 'Serving'),
          503: errorResponse('The index is missing or of another format'),
        },
      },
    },
    '/openapi.json': {
      get: { summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1 document' } } },
    },
    '/': {
      get: { summary: 'The demo page: the search box live on the corpus, and the two lines to embed it', responses: { 200: { description: 'HTML', content: { 'text/html': {} } } } },
    },
    '/read/{id}': {
      get: {
        summary: "A document's reading page",
        description: 'Units in order, page numbers in the margin, linked notes, persons, abbreviations and references, a citation per unit. `q` marks its words; a fragment (`#p14`, the `url` of a hit) opens at a unit.',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'frus1989-92v31-d49' },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'HTML', content: { 'text/html': {} } }, 404: { description: 'HTML: no such document', content: { 'text/html': {} } } },
      },
    },
    '/widget.js': {
      get: { summary: 'The <folio-search> and <folio-cite> web components, an ES module', responses: { 200: { description: 'JavaScript', content: { 'text/javascript': {} } } } },
    },
  },
  components: {
    schemas: {
      SearchResponse: {
        type: 'object',
        required: ['query', 'total', 'total_relation', 'offset', 'limit', 'took_ms', 'full', 'partial', 'words', 'expansions', 'cut', 'facets', 'hits'],
        properties: {
          query: { type: 'string' },
          total: {
            type: 'integer',
            description:
              'Hits in all, after filters: the units with every word, and when the hits go on to partial matches (`partial`), those too; ' +
              'a lower bound when `total_relation` is `gte`',
          },
          total_relation: {
            type: 'string',
            enum: ['eq', 'gte'],
            description:
              '`eq`: every match was counted, and the facets are exact. `gte`: the query stopped once its best hits were certain, or at its budget; ' +
              '`total` and the facet counts are then lower bounds (as Elasticsearch\'s `track_total_hits`)',
          },
          offset: { type: 'integer' },
          limit: { type: 'integer' },
          took_ms: { type: 'number', description: 'Time spent searching. Workers advance their clock only across I/O, so a deployed worker reports 0.' },
          full: { type: 'integer', description: 'Units with every word, after filters: they rank first, and the hits from this rank on are partial matches' },
          partial: { type: 'boolean', description: 'The units with every word did not fill the page: the hits go on to units with some of the words' },
          words: { type: 'integer', description: "The query's words, phrases and `OR` choices, each counted once: what a hit's `matched` counts" },
          expansions: {
            type: 'array',
            description: "Abbreviations of the volumes' lists searched for their meaning too (PriMin → Prime Minister), or the other way round",
            items: { type: 'object', required: ['query', 'also', 'volume'], properties: { query: { type: 'string' }, also: { type: 'string' }, volume: { type: 'string' } } },
          },
          cut: {
            type: 'array',
            description:
              "What the query's budget left out, if anything: `terms` (expansions past the most a query holds), `fuzzy` (lexicon pages left unsearched " +
              'for a typo\'s neighbours), `postings` and `pages` (units left unevaluated: the hits are the best of those evaluated), `phrases` ' +
              '(candidates left unchecked)',
            items: { type: 'string', enum: ['terms', 'fuzzy', 'postings', 'pages', 'phrases'] },
          },
          facets: {
            type: 'object',
            required: FACETS,
            description:
              `Counts of matching units by value. Each facet counts with every filter applied but its own, so it shows what choosing another value would give. ` +
              `\`kind\` lists every kind; \`year\` is in year order; the others list the ${MAX_FACET_VALUES} most frequent values, most frequent first.`,
            properties: Object.fromEntries(FACETS.map((f) => [f, { type: 'object', additionalProperties: { type: 'integer' } }])),
          },
          hits: { type: 'array', items: ref('Hit') },
        },
      },
      Hit: {
        type: 'object',
        required: ['id', 'doc', 'kind', 'n', 'title', 'page', 'pages', 'score', 'matched', 'snippet', 'snippet_text', 'highlights', 'notes', 'citation', 'url'],
        properties: {
          id: { type: 'string', example: 'frus1989-92v31-d49/p14' },
          doc: { type: 'string' },
          kind,
          n: { type: 'integer', description: 'Ordinal among the units of its kind in its document, from 1' },
          label: { type: 'string', description: 'Footnotes: the mark as printed' },
          title: { type: 'string', description: "The document's title" },
          number: documentFacts.number,
          date: documentFacts.date,
          chapter: documentFacts.chapter,
          volume: documentFacts.volume,
          page: { ...page, description: 'The page where the best match is; null when the source has no page numbers' },
          pages: { type: 'array', items: page },
          score: { type: 'number' },
          matched: { type: 'integer', description: "How many of the query's `words` the unit holds (all of them, unless the hit is a partial match)" },
          snippet: { type: 'string', description: 'HTML: document text escaped, matched words in <mark>' },
          snippet_text: { type: 'string', description: 'The same snippet as plain text' },
          highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, description: '[start, end) offsets of matched words in snippet_text' },
          notes: { type: 'array', items: ref('LinkedUnit'), description: 'The notes this unit cites; for a footnote, the units that cite it' },
          citation: ref('Citation'),
          url: { type: 'string', format: 'uri', description: "Stable link to the unit on its document's reading page" },
        },
      },
      Citation: {
        type: 'object',
        required: ['text', 'series'],
        description: 'How historians cite FRUS: Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, doc. 11, p. 9.',
        properties: {
          text: { type: 'string' },
          series: { type: 'string' },
          subseries: { type: 'string', example: '1964–1968' },
          volume: { type: 'string', example: 'vol. XXIX, pt. 2' },
          volume_title: { type: 'string', example: 'Japan' },
          document: { type: 'string', description: 'The document number, or a section\'s title' },
          page,
          url: { type: 'string', format: 'uri', description: 'The document on history.state.gov' },
        },
      },
      Person: {
        type: 'object',
        required: ['id', 'name', 'volume'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, volume: { type: 'string' } },
      },
      DocumentLink: {
        type: 'object',
        required: ['id', 'in_corpus'],
        properties: { id: { type: 'string' }, title: { type: 'string' }, number: { type: 'string' }, in_corpus: { type: 'boolean' }, url: { type: 'string', format: 'uri', description: 'The reading page when indexed, else history.state.gov' } },
      },
      LinkedUnit: {
        type: 'object',
        required: ['id', 'kind', 'n', 'text', 'url'],
        properties: {
          id: { type: 'string' }, kind, n: { type: 'integer' }, label: { type: 'string' },
          text: { type: 'string' }, url: { type: 'string', format: 'uri' },
        },
      },
      DocumentSummary: {
        type: 'object',
        required: ['id', 'type', 'title', 'units', 'pages', 'citation', 'url'],
        properties: {
          id: { type: 'string' },
          ...documentFacts,
          units: { type: 'integer' },
          pages: { type: 'array', items: page, description: 'First and last page' },
          citation: ref('Citation'),
          url: { type: 'string', format: 'uri', description: 'The reading page' },
        },
      },
      Unit: {
        type: 'object',
        required: ['id', 'kind', 'n', 'text', 'pages', 'cites', 'annotations', 'citation', 'url'],
        properties: {
          id: { type: 'string' },
          kind,
          n: { type: 'integer' },
          label: { type: 'string' },
          text: { type: 'string', description: 'Clean text: no page markers, no footnote digits' },
          pages: { type: 'array', items: { type: 'object', properties: { page, at: { type: 'integer', description: 'Offset in text where the page starts' } } } },
          cites: { type: 'array', items: { type: 'object', properties: { note: { type: 'string' }, at: { type: 'integer', description: 'Offset in text where the marker stood' } } } },
          cited_by: { type: 'array', items: { type: 'string' }, description: 'Footnotes: ids of the units citing it' },
          annotations: {
            type: 'array',
            description: "The editors' markup: persons named, abbreviations, references to documents, as [start, end) offsets into text",
            items: {
              type: 'object',
              required: ['type', 'target', 'start', 'end'],
              properties: {
                type: { type: 'string', enum: ['person', 'term', 'ref'] }, target: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' },
                name: { type: 'string' }, role: { type: 'string' }, expansion: { type: 'string' }, in_corpus: { type: 'boolean' }, url: { type: 'string' },
              },
            },
          },
          citation: ref('Citation'),
          url: { type: 'string', format: 'uri' },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
              message: { type: 'string' },
              param: { type: 'string', description: 'The parameter at fault' },
            },
          },
        },
      },
    },
  },
} as const
