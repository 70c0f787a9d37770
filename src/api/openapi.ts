/**
 * The API described for clients: OpenAPI 3.1, served at `/openapi.json`,
 * made from the routes' schemas (src/api/schema.ts) once per isolate.
 */
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema'
import type * as v from 'valibot'
import { version } from '../../package.json'
import { COMPONENTS, ROUTES, type Answer, type RouteSpec } from './schema'

type JsonSchema = Record<string, unknown>

const config: ConversionConfig = {
  target: 'draft-2020-12',
  definitions: COMPONENTS,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  // A parameter is documented as it is sent; what the route makes of it (a set of kinds, a range of years) is its own affair.
  typeMode: 'input',
  // Checks JSON Schema cannot say (kinds in a list, a range's ends in order) are the route's, their errors saying what they want; readonly is TypeScript's.
  ignoreActions: ['check', 'readonly'],
}

const names = new Map<v.GenericSchema, string>(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]))

/** A schema as the document gives it: a reference to a component, or written out. */
function jsonSchema(schema: v.GenericSchema): JsonSchema {
  const name = names.get(schema)
  if (name) return { $ref: `#/components/schemas/${name}` }
  const { $schema: _, $defs: __, ...rest } = toJsonSchema(schema, config) as JsonSchema
  return rest
}

function parameters(route: RouteSpec): JsonSchema[] {
  const path = Object.entries(route.path ?? {}).map(([name, { description, example }]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' }, example }))
  const query = Object.entries(route.query?.entries ?? {}).map(([name, entry]) => {
    const { description, examples, ...schema } = jsonSchema(entry)
    return {
      name, in: 'query', required: entry.type !== 'optional',
      ...(description !== undefined && { description }),
      schema,
      ...(Array.isArray(examples) && { example: examples[0] }),
    }
  })
  return [...path, ...query]
}

function response({ description, schema, media }: Answer): JsonSchema {
  if (schema) return { description, content: { 'application/json': { schema: jsonSchema(schema) } } }
  return { description, ...(media && { content: { [media]: {} } }) }
}

function build(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Folio',
      version,
      description:
        'Full-text search over archival documents (FRUS): each document split into its title, head lines, paragraphs and footnotes, ' +
        'ranked with BM25, with highlighted snippets, pages and notes. Every answer is JSON; CORS is open to every origin. ' +
        'A parameter sent empty counts as absent; one sent twice is refused (400), as is one out of its range; parameters a route does not name are ignored. ' +
        'Every error answers `{"error": {"code", "message", "param"}}`, `param` naming the parameter at fault.',
    },
    paths: Object.fromEntries(Object.entries(ROUTES as Record<string, RouteSpec>).map(([path, route]) => {
      const params = parameters(route)
      return [path, {
        get: {
          summary: route.summary,
          ...(route.description && { description: route.description }),
          ...(params.length > 0 && { parameters: params }),
          responses: Object.fromEntries(Object.entries(route.responses).map(([status, answer]) => [status, response(answer)])),
        },
      }]
    })),
    components: { schemas: toJsonSchemaDefs(COMPONENTS, config) },
  }
}

let document: JsonSchema | undefined

/** The OpenAPI document, made on first use. */
export function openapi(): JsonSchema {
  document ??= build()
  return document
}
