import { describe, expect, it } from 'vitest'
import { checkTarget } from '../../index/targets'

const MB = 2 ** 20

describe('checkTarget', () => {
  it('refuses what a target cannot hold, naming the limit', () => {
    const fits = { files: 19_999, largestFile: MB, residentBytes: 10 * MB }
    expect(() => checkTarget(fits, 'workers-free')).not.toThrow()
    expect(() => checkTarget({ ...fits, files: 20_000 }, 'workers-free')).toThrow(
      'the index needs 20000 files (and the widget one more), over the 20000 asset files target workers-free serves; ' +
      'build with larger pages (--page-kb), or choose a target that holds more',
    )
    expect(() => checkTarget({ ...fits, files: 20_000 }, 'workers-paid')).not.toThrow()
    expect(() => checkTarget({ ...fits, largestFile: 26 * MB }, 'workers-paid')).toThrow('a file of the index is 26.0 MB, over the 25.0 MB a file may be on target workers-paid')
    expect(() => checkTarget({ ...fits, residentBytes: 41 * MB }, 'workers-paid')).toThrow(/would keep 41\.0 MB resident/)
    expect(() => checkTarget({ files: 1e6, largestFile: 1e9, residentBytes: 1e9 }, 'unlimited')).not.toThrow()
  })
})
