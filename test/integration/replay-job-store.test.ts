/**
 * The replay jobs port's contract, run against both adapters: DynamoDB (on the embedded engine) and
 * in memory (what the unit tests of the replay run use), so the two cannot drift apart.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { createReplayJobsTable } from '../../infra/local/resources/replay-jobs-table.ts'
import { DynamoDBReplayJobStore } from '../../shared/replay/dynamodb/dynamodb-job-store.ts'
import { InMemoryReplayJobStore } from '../../shared/replay/in-memory/in-memory-job-store.ts'
import type { ReplayJobStore } from '../../shared/replay/job-store.ts'
import { type ReplayJob, ReplayStatus } from '../../shared/replay/types.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'

const NOW = Date.parse('2026-03-01T12:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
let nextId = 0

function job(owner: string, leaseUntil: number): ReplayJob {
  return {
    jobId: `job-${++nextId}`,
    spec: {
      target: { consumer: 'order-summary' },
      filter: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
      dryRun: false,
      ratePerSecond: 100,
      reprocess: false,
    },
    status: ReplayStatus.Running,
    cursor: { kind: 'time', skip: 0 },
    matched: 30,
    sent: 30,
    failed: 0,
    failures: [],
    invocations: 1,
    createdAt: iso(NOW),
    updatedAt: iso(NOW),
    leaseOwner: owner,
    leaseUntil,
  }
}

function contract(name: string, makeStore: () => ReplayJobStore) {
  describe(`replay job store: ${name}`, () => {
    it('keeps a running job from a second owner while its lease lasts, and hands it to its continuation token', async () => {
      const store = makeStore()
      const j = job('run-1', NOW + 60_000)
      await store.create(j)
      assert.equal(
        await store.acquire(j.jobId, { owner: 'status-check', leaseUntil: NOW + 1, now: NOW }),
        undefined,
      )
      const taken = await store.acquire(j.jobId, {
        owner: 'next',
        leaseUntil: NOW + 900_000,
        now: NOW,
        handover: 'run-1',
      })
      assert.equal(taken?.leaseOwner, 'next')
      const late = await store.acquire(j.jobId, { owner: 'after', leaseUntil: NOW + 1, now: NOW + 900_001 })
      assert.equal(late?.leaseOwner, 'after', 'an expired lease is free')
    })

    it('marks a job failed only for the invocation that holds it, keeping its counts and freeing it', async () => {
      const store = makeStore()
      const j = job('run-1', NOW + 60_000)
      await store.create(j)
      const refused = await store.fail(j.jobId, 'someone-else', { error: 'x', now: iso(NOW) })
      assert.equal(refused?.status, ReplayStatus.Running)
      const failed = await store.fail(j.jobId, 'run-1', {
        error: 'TimeoutError: read timed out',
        now: iso(NOW + 5),
      })
      assert.deepEqual(
        [failed?.status, failed?.error, failed?.sent, failed?.leaseOwner, failed?.updatedAt],
        [ReplayStatus.Failed, 'TimeoutError: read timed out', 30, undefined, iso(NOW + 5)],
      )
      assert.deepEqual(await store.get(j.jobId), failed)
      assert.equal(await store.save({ ...j, sent: 99 }, 'run-1'), 'lost', 'the failed run can no longer save')
    })

    it('takes a failed job back at once: running again, for the new owner, without its error', async () => {
      const store = makeStore()
      const j = job('run-1', NOW + 60_000)
      await store.create(j)
      await store.fail(j.jobId, 'run-1', { error: 'boom', now: iso(NOW) })
      const resumed = await store.acquire(j.jobId, {
        owner: 'resume',
        leaseUntil: NOW + 900_000,
        now: NOW + 1,
      })
      assert.deepEqual(
        [resumed?.status, resumed?.leaseOwner, resumed?.error, resumed?.sent],
        [ReplayStatus.Running, 'resume', undefined, 30],
      )
      assert.equal(await store.save({ ...(resumed as ReplayJob), sent: 40 }, 'resume'), 'saved')
    })

    it('cancels a failed job, and refuses to take a cancelled one', async () => {
      const store = makeStore()
      const j = job('run-1', NOW + 60_000)
      await store.create(j)
      await store.fail(j.jobId, 'run-1', { error: 'boom', now: iso(NOW) })
      const cancelled = await store.cancel(j.jobId, iso(NOW + 10))
      assert.equal(cancelled?.status, ReplayStatus.Cancelled)
      assert.equal(
        await store.acquire(j.jobId, { owner: 'resume', leaseUntil: NOW + 1, now: NOW + 20 }),
        undefined,
      )
    })
  })
}

let db: TestDynamoDB
let dynamo: DynamoDBReplayJobStore
before(async () => {
  db = await startTestDynamoDB({ inMemory: true })
  await createReplayJobsTable(db.dynamodb, 'replay-jobs')
  dynamo = new DynamoDBReplayJobStore({
    client: DynamoDBDocumentClient.from(db.dynamodb),
    tableName: 'replay-jobs',
  })
})
after(() => db.stop())

contract('DynamoDB', () => dynamo)
contract('in memory', () => new InMemoryReplayJobStore())
