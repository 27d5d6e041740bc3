import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb'
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams'
import { createTestTable, startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'

const S = (value: string) => ({ S: value })

async function streamOf(db: DynamoDBClient, table: string) {
  const { Table } = await db.send(new DescribeTableCommand({ TableName: table }))
  assert.ok(Table?.LatestStreamArn, `table ${table} has a stream`)
  return Table.LatestStreamArn
}

async function iterator(
  streams: DynamoDBStreamsClient,
  streamArn: string,
  type: ShardIteratorType,
  SequenceNumber?: string,
) {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))
  const ShardId = StreamDescription?.Shards?.[0]?.ShardId
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({ StreamArn: streamArn, ShardId, ShardIteratorType: type, SequenceNumber }),
  )
  return ShardIterator
}

/** Every record from the iterator until a page comes back empty. */
async function readAll(
  streams: DynamoDBStreamsClient,
  start: string | undefined,
): Promise<{ records: StreamRecord[]; next?: string }> {
  const records: StreamRecord[] = []
  let it = start
  while (it) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 2 }))
    records.push(...(page.Records ?? []))
    if (!page.Records?.length)
      return { records, ...(page.NextShardIterator ? { next: page.NextShardIterator } : {}) }
    it = page.NextShardIterator
  }
  return { records }
}

const summary = (r: StreamRecord) => ({
  name: r.eventName,
  keys: r.dynamodb?.Keys,
  old: r.dynamodb?.OldImage,
  new: r.dynamodb?.NewImage,
})

describe('DynamoDB streams', () => {
  let env: TestDynamoDB
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-streams-'))
    env = await startTestDynamoDB({ dataDir })
  })
  after(async () => {
    await env.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  async function lifecycle(table: string) {
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('a'), v: S('1') } }))
    await env.dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: S('a') },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': S('2') },
      }),
    )
    await env.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: S('a') } }))
    return (
      await readAll(
        env.streams,
        await iterator(env.streams, await streamOf(env.dynamodb, table), 'TRIM_HORIZON'),
      )
    ).records
  }

  it('records INSERT, MODIFY and REMOVE with the images each view type asks for', async () => {
    const v1 = { pk: S('a'), v: S('1') }
    const v2 = { pk: S('a'), v: S('2') }
    const keys = { pk: S('a') }
    const expected = {
      KEYS_ONLY: [
        [undefined, undefined],
        [undefined, undefined],
        [undefined, undefined],
      ],
      NEW_IMAGE: [
        [undefined, v1],
        [undefined, v2],
        [undefined, undefined],
      ],
      OLD_IMAGE: [
        [undefined, undefined],
        [v1, undefined],
        [v2, undefined],
      ],
      NEW_AND_OLD_IMAGES: [
        [undefined, v1],
        [v1, v2],
        [v2, undefined],
      ],
    } as const
    for (const [viewType, images] of Object.entries(expected)) {
      const table = `view-${viewType.toLowerCase().replaceAll('_', '-')}`
      await createTestTable(env.dynamodb, table, { streamViewType: viewType as keyof typeof expected })
      const records = await lifecycle(table)
      assert.deepEqual(
        records.map(summary),
        ['INSERT', 'MODIFY', 'REMOVE'].map((name, i) => ({
          name,
          keys,
          old: images[i]?.[0],
          new: images[i]?.[1],
        })),
        viewType,
      )
      assert.ok(
        records.every(
          (r) =>
            r.dynamodb?.StreamViewType === viewType &&
            r.eventSource === 'aws:dynamodb' &&
            (r.dynamodb.SizeBytes ?? 0) > 0,
        ),
      )
    }
  })

  it('numbers records in strictly increasing order across batch writes and transactions, per item in write order', async () => {
    const table = 'ordered'
    await createTestTable(env.dynamodb, table, { streamViewType: 'NEW_IMAGE' })
    for (let i = 0; i < 3; i++) {
      await env.dynamodb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: ['x', 'y'].map((pk) => ({ PutRequest: { Item: { pk: S(pk), n: { N: String(i) } } } })),
          },
        }),
      )
      await env.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: table, Item: { pk: S('z'), n: { N: String(i) } } } }],
        }),
      )
    }
    const { records } = await readAll(
      env.streams,
      await iterator(env.streams, await streamOf(env.dynamodb, table), 'TRIM_HORIZON'),
    )
    assert.equal(records.length, 9)
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'))
    assert.ok(
      sequence.every((n, i) => i === 0 || n > (sequence[i - 1] ?? 0n)),
      'sequence numbers increase',
    )
    for (const pk of ['x', 'y', 'z']) {
      const values = records
        .filter((r) => r.dynamodb?.Keys?.pk?.S === pk)
        .map((r) => r.dynamodb?.NewImage?.n?.N)
      assert.deepEqual(values, ['0', '1', '2'], `item ${pk} in write order`)
    }
  })

  it('writes no record for a failed conditional write and a MODIFY for a put that changes nothing', async () => {
    const table = 'conditional'
    await createTestTable(env.dynamodb, table, { streamViewType: 'NEW_AND_OLD_IMAGES' })
    const item = { pk: S('c'), v: S('same') }
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: item }))
    await assert.rejects(
      env.dynamodb.send(
        new PutItemCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
      { name: 'ConditionalCheckFailedException' },
    )
    await assert.rejects(
      env.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: S('d') } } },
            {
              ConditionCheck: {
                TableName: table,
                Key: { pk: S('c') },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      ),
      { name: 'TransactionCanceledException' },
    )
    await env.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: S('never-existed') } }))
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: item }))
    const { records } = await readAll(
      env.streams,
      await iterator(env.streams, await streamOf(env.dynamodb, table), 'TRIM_HORIZON'),
    )
    assert.deepEqual(records.map(summary), [
      { name: 'INSERT', keys: { pk: S('c') }, old: undefined, new: item },
      { name: 'MODIFY', keys: { pk: S('c') }, old: item, new: item },
    ])
  })

  it('positions shard iterators at, after, the latest or the oldest record', async () => {
    const table = 'positions'
    await createTestTable(env.dynamodb, table, { streamViewType: 'KEYS_ONLY' })
    for (const pk of ['p1', 'p2', 'p3'])
      await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S(pk) } }))
    const arn = await streamOf(env.dynamodb, table)
    const all = (await readAll(env.streams, await iterator(env.streams, arn, 'TRIM_HORIZON'))).records
    const second = all[1]?.dynamodb?.SequenceNumber
    const pks = (records: StreamRecord[]) => records.map((r) => r.dynamodb?.Keys?.pk?.S)
    assert.deepEqual(
      pks(
        (await readAll(env.streams, await iterator(env.streams, arn, 'AT_SEQUENCE_NUMBER', second))).records,
      ),
      ['p2', 'p3'],
    )
    assert.deepEqual(
      pks(
        (await readAll(env.streams, await iterator(env.streams, arn, 'AFTER_SEQUENCE_NUMBER', second)))
          .records,
      ),
      ['p3'],
    )
    const latest = await iterator(env.streams, arn, 'LATEST')
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('p4') } }))
    assert.deepEqual(pks((await readAll(env.streams, latest)).records), ['p4'])
    await assert.rejects(env.streams.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' })), {
      name: 'ValidationException',
    })
  })

  it('closes the shard when the stream is disabled and reports the stream on the table', async () => {
    const table = 'disabled'
    await createTestTable(env.dynamodb, table, { streamViewType: 'NEW_IMAGE' })
    const { Table } = await env.dynamodb.send(new DescribeTableCommand({ TableName: table }))
    assert.deepEqual(Table?.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' })
    assert.match(
      Table?.LatestStreamArn ?? '',
      new RegExp(`:table/${table}/stream/${Table?.LatestStreamLabel}$`),
    )
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('before') } }))
    await env.dynamodb.send(
      new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }),
    )
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('after') } }))
    const arn = Table?.LatestStreamArn ?? ''
    const { StreamDescription } = await env.streams.send(new DescribeStreamCommand({ StreamArn: arn }))
    assert.equal(StreamDescription?.StreamStatus, 'DISABLED')
    const { records, next } = await readAll(env.streams, await iterator(env.streams, arn, 'TRIM_HORIZON'))
    assert.deepEqual(
      records.map((r) => r.dynamodb?.Keys?.pk?.S),
      ['before'],
    )
    assert.equal(next, undefined)
  })

  it('keeps stream records and keeps numbering them upwards across an engine restart', async () => {
    const table = 'durable'
    await createTestTable(env.dynamodb, table, { streamViewType: 'NEW_IMAGE' })
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('before-restart') } }))
    await env.stop()
    env = await startTestDynamoDB({ dataDir })
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S('after-restart') } }))
    const { records } = await readAll(
      env.streams,
      await iterator(env.streams, await streamOf(env.dynamodb, table), 'TRIM_HORIZON'),
    )
    assert.deepEqual(
      records.map((r) => r.dynamodb?.Keys?.pk?.S),
      ['before-restart', 'after-restart'],
    )
    const [first, second] = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'))
    assert.ok(first !== undefined && second !== undefined && second > first)
  })
})
