/** `GET /people` and `GET /people/:id`: the persons of the volumes' lists, and the documents that name them. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import type { Library } from '../library'
import { readingUrl } from '../links'
import { heldVolume, validQuery } from '../api/params'
import { PeopleParams, type PeopleResponse, type PersonResponse } from '../api/schema'
import { fold } from '../text'

/** The documents naming a person (by number), and how many times each does, from the resident tables. */
function documentsNaming(library: Library, person: string): { doc: number; mentions: number }[] {
  const docs = library.documents
  const code = docs.personIds.indexOf(person)
  const found: { doc: number; mentions: number }[] = []
  for (let d = 0; d < docs.count; d++) {
    for (let j = docs.peopleStart[d]!; j < docs.peopleStart[d + 1]!; j++) if (docs.people[j] === code) found.push({ doc: d, mentions: docs.mentions[j]! })
  }
  return found
}

export const peopleRoute = new Hono<AppEnv>()
  .get('/people', validQuery(PeopleParams), async (c) => {
    const { library } = c.var
    const { limit, offset, q: name, ...asked } = c.req.valid('query')
    const volume = heldVolume(library, asked.volume)
    // Each word once, each name folded once per isolate: a query of 250 words costs a few passes over the names, not 250 folds of each.
    const words = [...new Set(name === undefined ? [] : fold(name).split(/\s+/).filter(Boolean))]
    const byId = await library.people()
    const { people, names } = library.index.derived('people and folded names', () => {
      const list = [...byId.values()]
      return { people: list, names: list.map((p) => fold(p.name)) }
    })
    const matching = people.filter((p, i) => (volume === undefined || p.volume === volume) && words.every((w) => names[i]!.includes(w)))
    const origin = new URL(c.req.url).origin
    return c.json({
      total: matching.length,
      offset,
      limit,
      people: matching.slice(offset, offset + limit).map((p) => ({ ...p, url: `${origin}/people/${encodeURIComponent(p.id)}` })),
    } satisfies PeopleResponse)
  })
  .get('/people/:id', async (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const person = (await library.people()).get(id)
    if (!person) throw new ApiError('unknown_person', `no person ${JSON.stringify(id)}`, 'id')
    const origin = new URL(c.req.url).origin
    const naming = documentsNaming(library, id)
    const facts = await library.documentFacts(naming.map((n) => n.doc))
    const { documents: _documents, mentions: _mentions, ...about } = person
    return c.json({
      ...about,
      documents: naming.map(({ mentions }, k) => {
        const d = facts[k]!
        return {
          id: d.id, title: d.title, ...(d.number !== undefined && { number: d.number }), ...(d.date !== undefined && { date: d.date }),
          mentions, url: readingUrl(origin, d.id),
        }
      }),
    } satisfies PersonResponse)
  })
