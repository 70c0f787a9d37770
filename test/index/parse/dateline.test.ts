import { describe, expect, it } from 'vitest'
import { readDateline } from '../../../index/parse/dateline'

describe('readDateline', () => {
  it.each([
    ['Washington, March 3, 1970, 4:30–5:15 p.m.', { date: '1970-03-03', place: 'Washington' }],
    ['Moscow, September 22, 1989.', { date: '1989-09-22', place: 'Moscow' }],
    ['Camp David, Maryland, June 2, 1990, noon.', { date: '1990-06-02', place: 'Camp David, Maryland' }],
    ['[Washington,] March 3, 1970.', { date: '1970-03-03', place: 'Washington' }],
    ['Washington, Sept. 3, 1870.', { date: '1870-09-03', place: 'Washington' }],
    ['Paris, 3 March 1919.', { date: '1919-03-03', place: 'Paris' }],
    ['Washington, March 1970.', { date: '1970-03', place: 'Washington' }],
    ['March 3, 1970', { date: '1970-03-03' }],
  ])('reads %s', (line, expected) => {
    expect(readDateline(line)).toEqual(expected)
  })

  it.each([
    'Washington, undated.',
    'SUBJECT: June 1970 talks',
    'The meeting in May 1970 was short',
    'Washington, May 32, 1970',
    'Mayor of Berlin, 1970',
    'Dear Mr. President,',
  ])('reads no date in %s', (line) => {
    expect(readDateline(line)).toBeUndefined()
  })
})
