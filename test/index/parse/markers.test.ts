import { describe, expect, it } from 'vitest'
import { findCandidates, resolveMarkers } from '../../../index/parse/markers'

const resolve = (texts: string[], labels: string[]) => {
  const candidates = texts.flatMap((t, i) => findCandidates(i, t))
  const { markers, uncited } = resolveMarkers(candidates, labels)
  return { cut: markers.map((m) => texts[m.block]!.slice(0, m.start) + '|' + texts[m.block]!.slice(m.start, m.end)), uncited }
}

describe('findCandidates', () => {
  it('finds strong candidates glued to letters, after punctuation and as symbols', () => {
    const c = findCandidates(0, 'Bush1 asked,2 agreed* B52')
    expect(c.filter((x) => x.strength === 'strong').map((x) => x.label)).toEqual(['1', '2', '*', '52'])
  })

  it('finds weak candidates: numbers, digits after a decimal point, a number apart at the end', () => {
    const c = findCandidates(0, 'On June 202 in 1964.3 the end 4')
    expect(c.filter((x) => x.strength === 'weak').map((x) => x.label ?? x.number!.digits)).toEqual(['202', '1964', '3', '4'])
  })
})

describe('resolveMarkers', () => {
  it('takes the notes in order', () => {
    expect(resolve(['Bush1 and Baker2'], ['1', '2']).cut).toEqual(['Bush|1', 'Bush1 and Baker|2'])
  })

  it('cuts the last digits of a day after a month, or of a year', () => {
    expect(resolve(['on June 202'], ['2']).cut).toEqual(['on June 20|2'])
    expect(resolve(['in July 19491'], ['1']).cut).toEqual(['in July 1949|1'])
    expect(resolve(['in 1987'], ['7']).uncited).toEqual(['7'])
    expect(resolve(['ceiling of 6000 warheads'], ['0']).uncited).toEqual(['0'])
  })

  it('prefers a strong candidate to an earlier weak one for the same note', () => {
    expect(resolve(['June 23 then Rusk3'], ['3']).cut).toEqual(['June 23 then Rusk|3'])
  })

  it('takes a weak candidate when no strong one comes before the next note', () => {
    expect(resolve(['June 202 then Rusk3'], ['2', '3']).cut).toEqual(['June 20|2', 'June 202 then Rusk|3'])
  })

  it('reports notes never cited', () => {
    expect(resolve(['No markers here.'], ['1', '2']).uncited).toEqual(['1', '2'])
  })
})
