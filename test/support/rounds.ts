/**
 * An index whose reads are answered in rounds, as the edge answers them
 * (bench/read-rounds.ts), so that a test can count the rounds of I/O a query
 * waits for. And a corpus whose common words' postings span several pages.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inRounds } from '../../bench/read-rounds'
import { loadIndex, type LoadedIndex } from '../../src/library'
import { readFrom } from './paged-index'
import { tempDir } from './temp'

/** An index read in rounds; `log[r]` holds the paths read in round `r` (files read at load are not logged). */
export async function roundsIndex(dir: string): Promise<{ index: LoadedIndex; log: string[][] }> {
  const rounds = inRounds(readFrom(dir), 2)
  const index = await loadIndex(rounds.read)
  rounds.logging = true
  return { index, log: rounds.log }
}

/**
 * A corpus of two common words: `beta` in each of 24,000 paragraphs, `alpha` (after `beta and`) in every third; `titled`, both in
 * every document's title too.
 */
export function commonWordsCorpus({ titled = false } = {}): string {
  const corpus = tempDir('folio-common-')
  for (let d = 0; d < 24; d++) {
    const paragraphs = Array.from({ length: 1000 }, (_, p) => `Paragraph ${p} of document ${d}: beta${(d * 1000 + p) % 3 === 0 ? ' and alpha' : ''}.`)
    writeFileSync(join(corpus, `d${d}.txt`), `${d + 1}. Document ${d}${titled ? ': beta and alpha' : ''}\n\n${paragraphs.join('\n\n')}`)
  }
  return corpus
}
