import { describe, expect, it, vi } from 'vitest'
import { ApiError, ERROR_STATUS, toApiError } from '../../src/errors'
import { QuerySyntaxError } from '../../src/query/parse'
import { IndexUnavailableError } from '../../src/store/cache'

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const e = new ApiError('invalid_parameter', 'limit must be an integer from 1 to 100; got "0"', 'limit')
    expect(toApiError(e)).toBe(e)
  })

  it('answers a query that does not parse with 400 invalid_query naming q', () => {
    const e = toApiError(new QuerySyntaxError('a prefix needs at least 2 characters before the *: a*'))
    expect([e.status, e.code, e.param, e.message]).toEqual([400, 'invalid_query', 'q', 'a prefix needs at least 2 characters before the *: a*'])
  })

  it('answers a broken index with 503 index_unavailable, saying which file', () => {
    const e = toApiError(new IndexUnavailableError('folio: index file index/units.0a.bin is corrupt (not a Folio pack (bad magic)); rebuild the index'))
    expect([e.status, e.code, e.message]).toEqual([503, 'index_unavailable', 'folio: index file index/units.0a.bin is corrupt (not a Folio pack (bad magic)); rebuild the index'])
  })

  it('answers anything else with a generic 500, and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const e = toApiError(new TypeError('x is undefined'))
    expect([e.status, e.code, e.message]).toEqual([500, 'internal', 'internal error; it has been logged'])
    expect(log).toHaveBeenCalledOnce()
    log.mockRestore()
  })

  it('gives every code an error status', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400)
  })
})
