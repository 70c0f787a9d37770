import { afterAll, describe, expect, it } from 'vitest'
import { drawRequest, fuzz } from '../../bench/fuzz'
import { random } from '../../bench/random'
import { disposeBundle } from '../../bench/workerd'

afterAll(disposeBundle)

describe('the HTTP fuzzer', () => {
  it('draws the same requests from the same seed, of every kind it promises', () => {
    const draw = (seed: number) => Array.from({ length: 500 }, ((rand) => () => drawRequest(rand))(random(seed)))
    const requests = draw(7)
    expect(draw(7)).toEqual(requests)
    expect(new Set(requests.map((r) => r.method)).size).toBeGreaterThan(6)
    expect(requests.some((r) => /%E0%A4%A(&|$)/.test(r.path))).toBe(true)
    expect(requests.some((r) => /[?&](\w+)=[^&]*&\1=/.test(r.path))).toBe(true)
    expect(requests.some((r) => (r.headers['X-Huge']?.length ?? 0) > 10_000)).toBe(true)
    expect(requests.some((r) => r.headers['If-None-Match'] !== undefined)).toBe(true)
  })

  it('finds no 5xx, no request left unanswered and no answer that is not the JSON promised, in a short seeded run', async () => {
    const report = await fuzz({ requests: 400, seed: 20261201, indexDir: 'build/index' })
    expect(report.serverErrors).toEqual([])
    expect(report.dropped).toEqual([])
    expect(report.notJson).toEqual([])
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(400)
  }, 120_000)
})
