import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RebuildUsageError, rebuildRequestFromArgs } from '../../scripts/lib/rebuild-args.ts'

describe('rebuild command line', () => {
  it('turns a projection and its flags into the request the replay function takes', () => {
    assert.deepEqual(rebuildRequestFromArgs(['order-summary']), { projection: 'order-summary' })
    assert.deepEqual(rebuildRequestFromArgs(['order-summary', '--rate', '500']), {
      projection: 'order-summary',
      ratePerSecond: 500,
    })
    assert.deepEqual(rebuildRequestFromArgs(['order-summary', '--status']), {
      projection: 'order-summary',
      status: true,
    })
    assert.deepEqual(rebuildRequestFromArgs(['order-summary', '--activate', '1']), {
      projection: 'order-summary',
      activate: 1,
    })
    assert.equal(rebuildRequestFromArgs(['--help']), undefined)
  })

  it('refuses a missing projection, two projections, unknown flags and non-numeric versions', () => {
    assert.throws(() => rebuildRequestFromArgs([]), /name the projection/)
    assert.throws(() => rebuildRequestFromArgs(['a', 'b']), /one projection at a time/)
    assert.throws(() => rebuildRequestFromArgs(['a', '--swich-back']), RebuildUsageError)
    assert.throws(
      () => rebuildRequestFromArgs(['a', '--activate', 'two']),
      /--activate: "two" is not a number/,
    )
  })
})
