/** `GET /people` and `GET /people/:id`: the persons of the volumes' lists, and the documents that name them. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import type { Library } from '../library'
import { optional, paging } from '../params'
import { fold } from '../text'
import { readingUrl } from '../links'
import { volumeParam } from './search'

/** Each person's documents, with the times each names them, once per library. */
const byPerson = new WeakMap<Library, Map<string, { doc: number; mentions: number }[]>>()

function documentsNaming(library: Library, person: string) {
  let index = byPerson.get(library)
  if (!index) {
    index = new Map()
    library.documents.forEach((d, k) => {
      for (const [p, mentions] of Object.entries(d.people ?? {})) {
        const list = index!.get(p) ?? []
        list.push({ doc: k, mentions })
        index!.set(p, list)
      }
    })
    byPerson.set(library, index)
  }
  return index.get(person) ?? []
}

export const peopleRoute = new Hono<AppEnv>()
  .get('/people', (c) => {
    const query = c.req.query()
    const { library } = c.var
    const { limit, offset } = paging(query)
    const volume = volumeParam(library, query)
    const name = optional(query, 'q')
    const words = name === undefined ? [] : fold(name).split(/\s+/).filter(Boolean)
    const matching = [...library.people.values()].filter((p) =>
      (volume === undefined || p.volume === volume) && words.every((w) => fold(p.name).includes(w)))
    const origin = new URL(c.req.url).origin
    return c.json({
      total: matching.length,
      offset,
      limit,
      people: matching.slice(offset, offset + limit).map((p) => {
        const docs = documentsNaming(library, p.id)
        return {
          ...p,
          documents: docs.length,
          mentions: docs.reduce((n, d) => n + d.mentions, 0),
          url: `${origin}/people/${encodeURIComponent(p.id)}`,
        }
      }),
    })
  })
  .get('/people/:id', (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const person = library.people.get(id)
    if (!person) throw new ApiError('unknown_person', `no person ${JSON.stringify(id)}`, 'id')
    const origin = new URL(c.req.url).origin
    return c.json({
      ...person,
      documents: documentsNaming(library, id).map(({ doc: k, mentions }) => {
        const d = library.documents[k]!
        return {
          id: d.id, title: d.title, ...(d.number !== undefined && { number: d.number }), ...(d.date !== undefined && { date: d.date }),
          mentions, url: readingUrl(origin, d.id),
        }
      }),
    })
  })
