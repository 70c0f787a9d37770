/**
 * Settings of the property-based tests (fast-check): seeded, so that a run
 * can be repeated, and short enough for `npm test`. `npm run test:properties`
 * runs them longer (FOLIO_PROPERTY_RUNS), with another seed if one is given
 * (FOLIO_PROPERTY_SEED); a failure prints the seed and path that replay it.
 */
import fc from 'fast-check'

export function properties(runs: number): fc.Parameters<unknown> {
  return {
    seed: Number(process.env.FOLIO_PROPERTY_SEED ?? 20261201),
    numRuns: Number(process.env.FOLIO_PROPERTY_RUNS ?? runs),
  }
}

/** Words as archival text has them: names, numbers, dates, abbreviations, punctuation, accents, and odd Unicode. */
export const word = fc.oneof(
  fc.constantFrom('the', 'radar', 'Krasnoyarsk', 'Bush', 'June', '20', '1989', 'U.S.', 'ABM', 'Treaty', 'Argüello', 'non-withdrawal', 'INR/IL', 'naïve', 'Ōkinawa', 'ﬁnal', 'don’t', '1st', '3.5'),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
)
