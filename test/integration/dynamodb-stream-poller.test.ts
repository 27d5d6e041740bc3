import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb'
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import type { Invoke, InvokeResult } from '../../infra/local/lambda/types.ts'
import {
  type DynamoDBStreamEventSourceOptions,
  startDynamoDBStreamEventSource,
} from '../../infra/local/pollers/dynamodb-stream.ts'
import { createTestTable, startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { waitFor } from '../helpers/wait.ts'

const OK: InvokeResult = { ok: true, result: null }
const FAIL: InvokeResult = { ok: false, error: { errorType: 'Error', errorMessage: 'boom' } }
const pkOf = (r: DynamoDBRecord) => r.dynamodb?.Keys?.pk?.S ?? ''

/** An in-test function: records every event and answers what `decide` says. */
function recordingFunction(decide: (records: DynamoDBRecord[]) => InvokeResult) {
  const calls: string[][] = []
  const succeeded: string[][] = []
  const events: DynamoDBStreamEvent[] = []
  const invoke: Invoke = async (_name, event) => {
    const e = event as DynamoDBStreamEvent
    events.push(e)
    calls.push(e.Records.map(pkOf))
    const result = decide(e.Records)
    if (result.ok && !result.result) succeeded.push(e.Records.map(pkOf))
    return result
  }
  return { invoke, calls, succeeded, events }
}

describe('DynamoDB stream event source mapping', () => {
  let env: TestDynamoDB
  let dir: string
  let tables = 0
  before(async () => {
    env = await startTestDynamoDB({ inMemory: true })
    dir = await mkdtemp(join(tmpdir(), 'ddb-stream-mapping-'))
  })
  after(async () => {
    await env.stop()
    await rm(dir, { recursive: true, force: true })
  })

  /** A fresh table with `count` items `<prefix>0..n` written in order. */
  async function tableWith(count: number, prefix = 'r'): Promise<{ table: string; pks: string[] }> {
    const table = `mapping-${++tables}`
    await createTestTable(env.dynamodb, table, { streamViewType: 'NEW_AND_OLD_IMAGES' })
    const pks = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`)
    await writeItems(table, pks)
    return { table, pks }
  }
  async function writeItems(table: string, pks: string[]) {
    for (let i = 0; i < pks.length; i += 25) {
      const chunk = pks.slice(i, i + 25)
      await env.dynamodb.send(
        new BatchWriteItemCommand({
          RequestItems: { [table]: chunk.map((pk) => ({ PutRequest: { Item: { pk: { S: pk } } } })) },
        }),
      )
    }
  }
  function start(opts: Omit<DynamoDBStreamEventSourceOptions, 'endpoint' | 'functionName'>) {
    return startDynamoDBStreamEventSource({
      endpoint: env.engine.endpoint,
      functionName: 'fn',
      pollIntervalMs: 50,
      ...opts,
    })
  }

  it('delivers every record once, in order, in batches of at most batchSize', async () => {
    const { table, pks } = await tableWith(25)
    const fn = recordingFunction(() => OK)
    const mapping = start({ tableName: table, invoke: fn.invoke, batchSize: 10 })
    await waitFor('all delivered', () => mapping.stats().delivered === 25)
    await mapping.stop()
    assert.deepEqual(fn.calls.flat(), pks)
    assert.ok(fn.calls.every((c) => c.length <= 10))
  })

  it('hands the function records shaped like the real Lambda DynamoDB stream event', async () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../fixtures/aws-events/dynamodb-base.json', import.meta.url), 'utf8'),
    ) as DynamoDBStreamEvent
    const { table } = await tableWith(1)
    const fn = recordingFunction(() => OK)
    const mapping = start({ tableName: table, invoke: fn.invoke })
    await waitFor('delivered', () => mapping.stats().delivered === 1)
    await mapping.stop()
    const record = fn.events[0]?.Records[0]
    const sample = fixture.Records[0]
    assert.ok(record && sample)
    assert.deepEqual(Object.keys(record).sort(), Object.keys(sample).sort())
    assert.deepEqual(Object.keys(record.dynamodb ?? {}).sort(), Object.keys(sample.dynamodb ?? {}).sort())
    assert.equal(typeof record.dynamodb?.ApproximateCreationDateTime, 'number')
    assert.equal(typeof record.dynamodb?.SequenceNumber, 'string')
    assert.equal(record.eventSource, 'aws:dynamodb')
    assert.equal(record.eventVersion, '1.1')
    assert.equal(record.eventName, 'INSERT')
    assert.match(record.eventSourceARN ?? '', new RegExp(`:table/${table}/stream/`))
  })

  it('checkpoints before the first reported failure and retries from that record', async () => {
    const { table, pks } = await tableWith(6)
    let failedOnce = false
    const fn = recordingFunction((records) => {
      const poison = records.find((r) => pkOf(r) === 'r003')
      if (!poison || failedOnce) return OK
      failedOnce = true
      return {
        ok: true,
        result: { batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber }] },
      }
    })
    const mapping = start({ tableName: table, invoke: fn.invoke, reportBatchItemFailures: true })
    await waitFor('all delivered', () => mapping.stats().delivered === 6)
    await mapping.stop()
    assert.deepEqual(fn.calls, [pks, pks.slice(3)])
  })

  it('isolates a failing record by bisecting and sends it to the on-failure destination after the retries', async () => {
    const { table, pks } = await tableWith(8)
    const failures: unknown[] = []
    const fn = recordingFunction((records) => (records.some((r) => pkOf(r) === 'r005') ? FAIL : OK))
    const mapping = start({
      tableName: table,
      invoke: fn.invoke,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 1,
      onFailure: { send: async (record) => void failures.push(record) },
    })
    await waitFor(
      'batch settled',
      () => mapping.stats().delivered === 7 && mapping.stats().failedBatches === 1,
    )
    await mapping.stop()
    assert.deepEqual(
      fn.succeeded.flat(),
      pks.filter((pk) => pk !== 'r005'),
    )
    assert.ok(
      fn.calls.some((c) => c.length === 1 && c[0] === 'r005'),
      'the poison record was tried alone',
    )
    const info = (failures[0] as { DDBStreamBatchInfo: Record<string, unknown> }).DDBStreamBatchInfo
    assert.equal(info.batchSize, 1)
    assert.equal(info.startSequenceNumber, info.endSequenceNumber)
  })

  it('sends a batch whose retries ran out to the on-failure destination and moves on', async () => {
    const { table, pks } = await tableWith(4)
    const failures: unknown[] = []
    const fn = recordingFunction((records) => (records.some((r) => pkOf(r) === 'r000') ? FAIL : OK))
    const mapping = start({
      tableName: table,
      invoke: fn.invoke,
      batchSize: 2,
      maximumRetryAttempts: 2,
      onFailure: { send: async (r) => void failures.push(r) },
    })
    await waitFor('moved on', () => mapping.stats().delivered === 2)
    await mapping.stop()
    assert.deepEqual(fn.calls, [pks.slice(0, 2), pks.slice(0, 2), pks.slice(0, 2), pks.slice(2)])
    assert.equal(failures.length, 1)
    const failure = failures[0] as {
      requestContext: { condition: string; approximateInvokeCount: number }
      DDBStreamBatchInfo: Record<string, unknown>
    }
    assert.equal(failure.requestContext.condition, 'RetryAttemptsExhausted')
    assert.equal(failure.requestContext.approximateInvokeCount, 3)
    const first = fn.events[0]?.Records
    assert.deepEqual(
      {
        ...failure.DDBStreamBatchInfo,
        approximateArrivalOfFirstRecord: undefined,
        approximateArrivalOfLastRecord: undefined,
      },
      {
        shardId: failure.DDBStreamBatchInfo.shardId,
        startSequenceNumber: first?.[0]?.dynamodb?.SequenceNumber,
        endSequenceNumber: first?.[1]?.dynamodb?.SequenceNumber,
        approximateArrivalOfFirstRecord: undefined,
        approximateArrivalOfLastRecord: undefined,
        batchSize: 2,
        streamArn: first?.[0]?.eventSourceARN,
      },
    )
    assert.match(String(failure.DDBStreamBatchInfo.shardId), /^shardId-/)
  })

  it('resumes after its checkpoint on restart, neither losing nor re-delivering a record', async () => {
    const { table, pks } = await tableWith(5, 'first')
    const checkpointFile = join(dir, 'checkpoint.json')
    const fn = recordingFunction(() => OK)
    const first = start({ tableName: table, invoke: fn.invoke, checkpointFile })
    await waitFor('first run delivered', () => first.stats().delivered === 5)
    await first.stop()
    const later = Array.from({ length: 3 }, (_, i) => `later${i}`)
    await writeItems(table, later)
    const second = start({ tableName: table, invoke: fn.invoke, checkpointFile })
    await waitFor('second run delivered', () => second.stats().delivered === 3)
    await second.stop()
    assert.deepEqual(fn.calls.flat(), [...pks, ...later])
  })
})
