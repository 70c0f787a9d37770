/**
 * Reading a request's parameters against its route's schema (src/api/schema.ts):
 * the typed values, or an {@link ApiError} that names the parameter at fault.
 * Then the checks only the index can make: that a volume, chapter, person or
 * document asked for is one it holds.
 */
import { validator } from 'hono/validator'
import * as v from 'valibot'
import { ApiError } from '../errors'
import type { Library } from '../library'
import type { Filters } from '../query/filters'

type ParamsSchema = v.ObjectSchema<v.ObjectEntries, undefined>

/** A parameter as the query string gives it: once, several times (an array), or not at all. */
type Given = Record<string, string | string[] | undefined>

/** Whether a parameter's schema takes a number (an integer parameter). */
function takesNumber(schema: v.GenericSchema): boolean {
  const inner = schema.type === 'optional' ? (schema as v.OptionalSchema<v.GenericSchema, unknown>).wrapped : schema
  return inner.type === 'number'
}

/**
 * The parameters `schema` declares, validated. An empty or blank value counts
 * as absent; a parameter given twice is refused (which one was meant?);
 * parameters the route does not declare are ignored.
 */
export function readParams<S extends ParamsSchema>(schema: S, query: Given): v.InferOutput<S> {
  const values: Record<string, string | number> = {}
  for (const [name, entry] of Object.entries(schema.entries)) {
    const given = query[name]
    if (Array.isArray(given) && given.length > 1) {
      throw new ApiError('invalid_parameter', `${name} is given ${given.length} times; give it once`, name)
    }
    const value = Array.isArray(given) ? given[0] : given
    if (value === undefined || value.trim() === '') continue
    values[name] = takesNumber(entry) && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value
  }
  const result = v.safeParse(schema, values, { abortEarly: true })
  if (result.success) return result.output
  const issue = result.issues[0]
  const name = String(issue.path?.[0]?.key ?? '')
  if (issue.input === undefined) throw new ApiError('missing_parameter', `${name} is required and must not be empty`, name)
  throw new ApiError('invalid_parameter', issue.message, name)
}

/** Hono middleware: the route's query parameters, read by {@link readParams}, as `c.req.valid('query')`. */
export function validQuery<S extends ParamsSchema>(schema: S) {
  return validator('query', (query, c) => {
    refuseMalformed(new URL(c.req.url).search)
    return readParams(schema, query)
  })
}

/** A parameter whose percent-encoding does not decode (`%E0%A4%A`) is refused, not searched as written. */
export function refuseMalformed(search: string): void {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=')
    const [key, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]
    let name = key
    try {
      name = decodeURIComponent(key.replace(/\+/g, ' '))
      decodeURIComponent(value.replace(/\+/g, ' '))
    } catch {
      throw new ApiError('invalid_parameter', `${name} is not valid percent-encoding (UTF-8 bytes as %XX): ${JSON.stringify(pair)}`, name)
    }
  }
}

/** A value the index must hold, else a 400 naming the parameter. */
function held(value: string | undefined, name: string, holds: (value: string) => boolean, what: string): string | undefined {
  if (value !== undefined && !holds(value)) throw new ApiError('invalid_parameter', `${name} must be ${what}; got ${JSON.stringify(value)}`, name)
  return value
}

/** `volume`: a volume the index holds. */
export function heldVolume(library: Library, volume: string | undefined): string | undefined {
  return held(volume, 'volume', (id) => library.documents.volumeIds.includes(id), 'the id of an indexed volume')
}

/** The filters a search or a listing asks for, each checked against what the index holds. */
export function heldFilters(library: Library, asked: { [K in keyof Filters]?: Filters[K] | undefined }): Filters {
  const docs = library.documents
  const filters = {
    ...asked,
    volume: heldVolume(library, asked.volume),
    doc: held(asked.doc, 'doc', (d) => docs.find(d) !== undefined, 'the id of an indexed document'),
    chapter: held(asked.chapter, 'chapter', (ch) => docs.chapters.includes(ch), 'the title of a chapter'),
    person: held(asked.person, 'person', (p) => docs.personIds.includes(p), 'the id of a person of an indexed volume'),
  }
  // Absent filters are left out, not set to undefined: a filter present lets only its value through.
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Filters
}
