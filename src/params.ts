/**
 * Reading query parameters: each reader returns the value or throws an
 * {@link ApiError} that names the parameter at fault.
 */
import { ApiError } from './errors'
import { UNIT_KINDS, type UnitKind } from './model'

/** Parameters by name, the first value of each (as Hono's `c.req.query()` gives them). */
type Query = Record<string, string | undefined>

/** A required, non-blank text parameter of at most `max` characters. */
export function text(query: Query, name: string, max: number): string {
  const value = query[name]
  if (value === undefined || value.trim() === '') {
    throw new ApiError('missing_parameter', `${name} is required and must not be empty`, name)
  }
  if (value.length > max) {
    throw new ApiError('invalid_parameter', `${name} is ${value.length} characters long; the most is ${max}`, name)
  }
  return value
}

/** An optional integer in `[min, max]`, `fallback` when absent. */
export function integer(query: Query, name: string, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
  const value = query[name]
  if (value === undefined || value === '') return fallback
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ApiError('invalid_parameter', `${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}`, name)
  }
  return Number(value)
}

/** An optional comma-separated list of unit kinds. */
export function kinds(query: Query, name: string): Set<UnitKind> | undefined {
  const value = query[name]
  if (value === undefined || value === '') return undefined
  const list = value.split(',').map((k) => k.trim())
  const unknown = list.find((k) => !(UNIT_KINDS as readonly string[]).includes(k))
  if (unknown !== undefined) {
    throw new ApiError('invalid_parameter', `${name} must be one or more of ${UNIT_KINDS.join(', ')} (comma-separated); got ${JSON.stringify(unknown)}`, name)
  }
  return new Set(list as UnitKind[])
}

/** An optional plain parameter. */
export function optional(query: Query, name: string): string | undefined {
  const value = query[name]
  return value === undefined || value === '' ? undefined : value
}

/** An optional parameter whose value must be one `exists` knows, described as `what` in the error. */
export function known(query: Query, name: string, exists: (value: string) => boolean, what: string): string | undefined {
  const value = optional(query, name)
  if (value !== undefined && !exists(value)) {
    throw new ApiError('invalid_parameter', `${name} must be ${what}; got ${JSON.stringify(value)}`, name)
  }
  return value
}

/** An optional parameter that must be one of `values`. */
export function oneOf<T extends string>(query: Query, name: string, values: readonly T[]): T | undefined {
  return known(query, name, (v) => (values as readonly string[]).includes(v), `one of ${values.join(', ')}`) as T | undefined
}

const YEARS = /^(\d{4})?(?:\.\.(\d{4})?)?$/

/** An optional year (`1965`) or inclusive range (`1965..1967`, `1965..`, `..1967`). */
export function years(query: Query, name: string): { from: number; to: number } | undefined {
  const value = optional(query, name)
  if (value === undefined) return undefined
  const m = YEARS.exec(value)
  const range = value.includes('..')
  if (!m || (!m[1] && !m[2])) {
    throw new ApiError('invalid_parameter', `${name} must be a year (1965) or a range (1965..1967); got ${JSON.stringify(value)}`, name)
  }
  const from = m[1] ? Number(m[1]) : 0
  const to = range ? (m[2] ? Number(m[2]) : 9999) : from
  if (from > to) throw new ApiError('invalid_parameter', `${name} range ${value} ends before it starts`, name)
  return { from, to }
}

/** The `limit` (1–100, default 20) and `offset` of a listing. */
export function paging(query: Query): { limit: number; offset: number } {
  return {
    limit: integer(query, 'limit', { min: 1, max: 100, fallback: 20 }),
    offset: integer(query, 'offset', { min: 0, max: 1_000_000, fallback: 0 }),
  }
}
