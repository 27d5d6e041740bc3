import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ClaimOutcome, type DedupKey } from '../../shared/consumer/dedup-store.ts'
import type { Effect } from '../../shared/consumer/effects.ts'
import { loadOwnProjection, loadProjections } from '../../shared/projection/config.ts'
import { ProjectionRequestError } from '../../shared/projection/errors.ts'
import { projectionScope, STATE_CACHE_MS } from '../../shared/projection/follower.ts'
import { effectForVersion, versionedKey } from '../../shared/projection/keys.ts'
import { finishRebuilds } from '../../shared/projection/rebuild.ts'
import { parseProjectionRequest } from '../../shared/projection/rebuild-request.ts'
import {
  activate,
  attachJob,
  beginBuild,
  finishBuild,
  initialState,
  nextVersion,
  type ProjectionState,
  remove,
} from '../../shared/projection/state.ts'
import type { ReplayJob } from '../../shared/replay/types.ts'

const keys = { partitionKey: 'pk', sortKey: 'sk' }
const at = '2026-12-01T00:00:00.000Z'
const location = { projection: 'order-summary', tableName: 'read-model', keys }

const effect: Effect = [
  [
    {
      Update: {
        TableName: 'read-model',
        Key: { pk: 'order#1', sk: 'summary' },
        UpdateExpression: 'SET a = :a',
      },
    },
  ],
  [{ Put: { TableName: 'elsewhere', Item: { pk: 'order#1', sk: 'x' } } }],
]

describe('projection state', () => {
  it('starts with version 1 active and builds the declared version when it is new, else the next one', () => {
    const state = initialState('order-summary')
    assert.equal(state.active, 1)
    assert.equal(nextVersion(state, 1), 2)
    assert.equal(nextVersion(state, 5), 5)
  })

  it('switches readers to a version only when its build completed, and keeps the old one', () => {
    const building = attachJob(beginBuild(initialState('p'), 2, at), 2, 'job-1')
    assert.equal(building.active, 1)
    const done = finishBuild(building, 2, true, at)
    assert.equal(done.active, 2)
    assert.deepEqual(Object.keys(done.versions), ['1', '2'])
    const incomplete = finishBuild(building, 2, false, at)
    assert.equal(incomplete.active, 1)
    assert.equal(incomplete.versions[2]?.status, 'incomplete')
    assert.throws(() => activate(incomplete, 2), /activate: version 2 is incomplete, not ready/)
    assert.equal(activate(done, 1).active, 1)
  })

  it('refuses a second build while one is building, removing the active version and unknown versions', () => {
    const building = beginBuild(initialState('p'), 2, at)
    assert.throws(() => beginBuild(building, 3, at), ProjectionRequestError)
    assert.throws(() => remove(building, 1), /remove: version 1 is active/)
    assert.throws(() => activate(building, 7), /version: p has no version 7/)
    assert.deepEqual(Object.keys(remove(finishBuild(building, 2, true, at), 1).versions), ['2'])
  })

  it('counts every change in its revision, so concurrent writers conflict', () => {
    const state = initialState('p')
    assert.equal(activate(finishBuild(beginBuild(state, 2, at), 2, true, at), 1).revision, 3)
  })
})

describe('projection keys', () => {
  it('keeps version 1 where the projection was and prefixes other versions in its own table only', () => {
    assert.equal(effectForVersion(effect, 'read-model', keys, 1), effect)
    const moved = effectForVersion(effect, 'read-model', keys, 2)
    assert.deepEqual(moved[0]?.[0], {
      Update: {
        TableName: 'read-model',
        Key: { pk: 'v2#order#1', sk: 'summary' },
        UpdateExpression: 'SET a = :a',
      },
    })
    assert.deepEqual(moved[1], effect[1])
    assert.deepEqual(versionedKey(keys, 3, { pk: 'order#1', sk: 'summary' }), {
      pk: 'v3#order#1',
      sk: 'summary',
    })
  })
})

describe('projection consumer', () => {
  function follower(states: ProjectionState[]) {
    let reads = 0
    let now = 0
    const committed: Array<{ key: DedupKey; effect: Effect }> = []
    const scope = projectionScope(
      { get: async () => states[Math.min(reads++, states.length - 1)] as ProjectionState },
      location,
      () => now,
    )
    const commit = async (key: DedupKey, e: Effect) => {
      committed.push({ key, effect: e })
      return key.consumer.endsWith('v2') ? ClaimOutcome.Claimed : ClaimOutcome.Duplicate
    }
    const run = (onlyVersion?: number) =>
      scope.commit(
        { consumer: 'order-summary', eventId: 'e1' },
        effect,
        { reprocess: false, onlyVersion },
        commit,
      )
    return { run, committed, reads: () => reads, advance: (ms: number) => (now += ms) }
  }

  const withTwo = attachJob(beginBuild(initialState('order-summary'), 2, at), 2, 'job-1')

  it('applies a live event to every maintained version, each under its own dedup record', async () => {
    const f = follower([withTwo])
    assert.equal(await f.run(), ClaimOutcome.Claimed)
    assert.deepEqual(
      f.committed.map((c) => c.key.consumer),
      ['order-summary', 'order-summary#v2'],
    )
    assert.equal(f.committed[1]?.effect[0]?.[0] && 'Update' in f.committed[1].effect[0][0], true)
  })

  it("applies a rebuild's record to its own version only", async () => {
    const f = follower([withTwo])
    await f.run(2)
    assert.deepEqual(
      f.committed.map((c) => c.key.consumer),
      ['order-summary#v2'],
    )
  })

  it('is a duplicate only when every version already had the event', async () => {
    const f = follower([initialState('order-summary')])
    assert.equal(await f.run(), ClaimOutcome.Duplicate)
  })

  it('reads the state once per cache period, then again', async () => {
    const f = follower([initialState('order-summary'), withTwo])
    await f.run()
    f.advance(STATE_CACHE_MS - 1)
    await f.run()
    assert.equal(f.reads(), 1)
    f.advance(1)
    await f.run()
    assert.equal(f.reads(), 2)
    assert.deepEqual(
      f.committed.map((c) => c.key.consumer),
      ['order-summary', 'order-summary', 'order-summary', 'order-summary#v2'],
    )
  })
})

describe('projection requests', () => {
  it('reads each command and refuses misspelt keys and mixed commands by name', () => {
    assert.deepEqual(parseProjectionRequest({ projection: 'p' }), { kind: 'rebuild', projection: 'p' })
    assert.deepEqual(parseProjectionRequest({ projection: 'p', activate: 1 }), {
      kind: 'activate',
      projection: 'p',
      version: 1,
    })
    assert.throws(() => parseProjectionRequest({ projection: 'p', activte: 1 }), /activte/)
    assert.throws(() => parseProjectionRequest({ projection: 'p', activate: 0 }), /activate/)
    assert.throws(() => parseProjectionRequest({ projection: 'p', status: true, remove: 2 }), /at most one/)
  })
})

describe('the end of a rebuild', () => {
  /** The state store's port, in memory, with the same revision rule as the DynamoDB adapter. */
  function memoryStates(initial: ProjectionState) {
    let stored = initial
    return {
      get: async () => stored,
      put: async (_at: unknown, next: ProjectionState) => {
        if (next.revision !== stored.revision + 1) throw new Error('conflict')
        stored = next
      },
    }
  }
  const projections = { 'order-summary': { version: 1, tableName: 'read-model', keys, functionName: 'f' } }
  const building = attachJob(beginBuild(initialState('order-summary'), 2, at), 2, 'job-2')
  const job = (failed: number, jobId = 'job-2') =>
    ({
      jobId,
      spec: {
        target: { consumer: 'order-summary' },
        filter: {},
        dryRun: false,
        ratePerSecond: 100,
        reprocess: false,
        projectionVersion: 2,
      },
      status: 'completed',
      failed,
      updatedAt: at,
      finishedAt: at,
    }) as unknown as ReplayJob

  it('switches readers to the new version when its job applied every event', async () => {
    const store = memoryStates(building)
    await finishRebuilds({ store, projections })(job(0))
    const state = await store.get()
    assert.equal(state.active, 2)
    assert.equal(state.versions[2]?.status, 'ready')
  })

  it('leaves readers on the old version when its job failed events, and marks the new one incomplete', async () => {
    const store = memoryStates(building)
    await finishRebuilds({ store, projections })(job(3))
    const state = await store.get()
    assert.equal(state.active, 1)
    assert.equal(state.versions[2]?.status, 'incomplete')
  })

  it('ignores a job that is not the version’s own (an older rebuild, or an ordinary replay)', async () => {
    const store = memoryStates(building)
    await finishRebuilds({ store, projections })(job(0, 'job-other'))
    assert.equal((await store.get()).revision, building.revision)
  })
})

describe('projection config', () => {
  it('reads PROJECTIONS and PROJECTION as the stack and the local runtime write them', () => {
    const projections = {
      PROJECTIONS: JSON.stringify({
        'order-summary': { version: 2, partitionKey: 'pk', sortKey: 'sk', tableName: 't', functionName: 'f' },
      }),
    }
    assert.deepEqual(loadProjections(projections), {
      'order-summary': { version: 2, tableName: 't', functionName: 'f', keys },
    })
    assert.deepEqual(loadProjections({}), {})
    const own = {
      PROJECTION: '{"name":"order-summary","version":1,"partitionKey":"pk"}',
      PROJECTION_TABLE_NAME: 't',
    }
    assert.deepEqual(loadOwnProjection(own), {
      name: 'order-summary',
      version: 1,
      tableName: 't',
      keys: { partitionKey: 'pk' },
    })
    assert.equal(loadOwnProjection({}), undefined)
  })

  it('fails naming the variable and the field', () => {
    assert.throws(() => loadProjections({ PROJECTIONS: '{' }), /PROJECTIONS: not JSON/)
    assert.throws(
      () =>
        loadProjections({
          PROJECTIONS: '{"p":{"version":0,"partitionKey":"pk","tableName":"t","functionName":"f"}}',
        }),
      /PROJECTIONS: p.version: expected a positive integer/,
    )
    assert.throws(
      () => loadOwnProjection({ PROJECTION: '{"name":"p","version":1}', PROJECTION_TABLE_NAME: 't' }),
      /PROJECTION: partitionKey: expected a name/,
    )
  })
})
