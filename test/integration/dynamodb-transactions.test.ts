import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb'
import { createTestTable, startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'

const TABLE = 'tx-items'
const S = (value: string) => ({ S: value })
const N = (value: number) => ({ N: String(value) })

describe('DynamoDB transactions', () => {
  let env: TestDynamoDB
  const get = async (pk: string) =>
    (
      await env.dynamodb.send(
        new GetItemCommand({ TableName: TABLE, Key: { pk: S(pk) }, ConsistentRead: true }),
      )
    ).Item
  const put = (pk: string, attrs: Record<string, { S: string } | { N: string }> = {}) =>
    env.dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S(pk), ...attrs } }))
  const transact = (items: TransactWriteItem[]) =>
    env.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }))

  before(async () => {
    env = await startTestDynamoDB({ inMemory: true })
    await createTestTable(env.dynamodb, TABLE)
  })
  after(() => env.stop())

  it('applies every action of a transaction whose conditions hold', async () => {
    await put('ok-update', { n: N(1) })
    await put('ok-delete')
    await put('ok-check', { state: S('open') })
    await transact([
      {
        Put: { TableName: TABLE, Item: { pk: S('ok-put') }, ConditionExpression: 'attribute_not_exists(pk)' },
      },
      {
        Update: {
          TableName: TABLE,
          Key: { pk: S('ok-update') },
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': N(1) },
        },
      },
      { Delete: { TableName: TABLE, Key: { pk: S('ok-delete') } } },
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: { pk: S('ok-check') },
          ConditionExpression: '#s = :open',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':open': S('open') },
        },
      },
    ])
    assert.deepEqual(await get('ok-put'), { pk: S('ok-put') })
    assert.deepEqual((await get('ok-update'))?.n, N(2))
    assert.equal(await get('ok-delete'), undefined)
  })

  it('cancels the whole transaction with one reason per item, in item order, when a condition fails', async () => {
    await put('cancel-existing', { n: N(7) })
    const err = await transact([
      { Put: { TableName: TABLE, Item: { pk: S('cancel-new') } } },
      {
        Update: {
          TableName: TABLE,
          Key: { pk: S('cancel-existing') },
          UpdateExpression: 'SET n = :zero',
          ConditionExpression: 'n = :one',
          ExpressionAttributeValues: { ':zero': N(0), ':one': N(1) },
        },
      },
      { Delete: { TableName: TABLE, Key: { pk: S('cancel-existing-too') } } },
    ]).catch((e: unknown) => e)
    assert.ok(err instanceof TransactionCanceledException)
    assert.deepEqual(
      err.CancellationReasons?.map((r) => ({ Code: r.Code, Message: r.Message })),
      [
        { Code: 'None', Message: undefined },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
        { Code: 'None', Message: undefined },
      ],
    )
    assert.equal(err.CancellationReasons?.[1]?.Item, undefined)
    assert.equal(await get('cancel-new'), undefined)
    assert.deepEqual((await get('cancel-existing'))?.n, N(7))
  })

  it('returns the current item in the cancellation reason when ReturnValuesOnConditionCheckFailure is ALL_OLD', async () => {
    await put('all-old', { owner: S('ann') })
    const err = await transact([
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: { pk: S('all-old') },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ]).catch((e: unknown) => e)
    assert.ok(err instanceof TransactionCanceledException)
    assert.deepEqual(err.CancellationReasons?.[0]?.Item, { pk: S('all-old'), owner: S('ann') })
  })

  it('rejects more than 100 actions with a ValidationException', async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({
      Put: { TableName: TABLE, Item: { pk: S(`many-${i}`) } },
    }))
    const err = await transact(items).catch((e: unknown) => e)
    assert.equal((err as Error).name, 'ValidationException')
    assert.match((err as Error).message, /Member must have length less than or equal to 100/)
    assert.equal(await get('many-0'), undefined)
  })

  it('rejects two actions on one item with a ValidationException', async () => {
    const err = await transact([
      { Put: { TableName: TABLE, Item: { pk: S('twice') } } },
      { Delete: { TableName: TABLE, Key: { pk: S('twice') } } },
    ]).catch((e: unknown) => e)
    assert.equal((err as Error).name, 'ValidationException')
    assert.match((err as Error).message, /Transaction request cannot include multiple operations on one item/)
    assert.equal(await get('twice'), undefined)
  })

  it('lets exactly one of many concurrent conflicting transactions win each version, losing no update', async () => {
    await put('counter', { version: N(0), count: N(0) })
    const winners: number[] = []
    const worker = async () => {
      for (;;) {
        const version = Number((await get('counter'))?.version?.N)
        try {
          await transact([
            {
              Update: {
                TableName: TABLE,
                Key: { pk: S('counter') },
                UpdateExpression: 'SET version = :next, #c = #c + :one',
                ConditionExpression: 'version = :seen',
                ExpressionAttributeNames: { '#c': 'count' },
                ExpressionAttributeValues: { ':next': N(version + 1), ':one': N(1), ':seen': N(version) },
              },
            },
          ])
          winners.push(version)
          return
        } catch (err) {
          if (!(err instanceof TransactionCanceledException)) throw err
        }
      }
    }
    await Promise.all(Array.from({ length: 20 }, worker))
    assert.deepEqual(
      [...winners].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i),
    )
    assert.deepEqual(await get('counter'), { pk: S('counter'), version: N(20), count: N(20) })
  })

  it('lets TransactGetItems see all of a concurrent transaction or none of it', async () => {
    await put('acct-a', { balance: N(100) })
    await put('acct-b', { balance: N(0) })
    const move = (from: string, to: string) =>
      transact([
        {
          Update: {
            TableName: TABLE,
            Key: { pk: S(from) },
            UpdateExpression: 'SET balance = balance - :one',
            ExpressionAttributeValues: { ':one': N(1) },
          },
        },
        {
          Update: {
            TableName: TABLE,
            Key: { pk: S(to) },
            UpdateExpression: 'SET balance = balance + :one',
            ExpressionAttributeValues: { ':one': N(1) },
          },
        },
      ])
    const read = async () => {
      const { Responses = [] } = await env.dynamodb.send(
        new TransactGetItemsCommand({
          TransactItems: ['acct-a', 'acct-b'].map((pk) => ({
            Get: { TableName: TABLE, Key: { pk: S(pk) } },
          })),
        }),
      )
      return Responses.reduce((sum, r) => sum + Number(r.Item?.balance?.N), 0)
    }
    const moves = Array.from({ length: 25 }, (_, i) =>
      i % 2 ? move('acct-b', 'acct-a') : move('acct-a', 'acct-b'),
    )
    const sums = await Promise.all(Array.from({ length: 25 }, read))
    await Promise.all(moves)
    assert.deepEqual(new Set(sums), new Set([100]))
    assert.equal(await read(), 100)
  })

  it('answers malformed requests with the 400 errors DynamoDB gives', async () => {
    const post = (target: string, body: string) =>
      fetch(env.engine.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
        body,
      })
    const badJson = await post('DynamoDB_20120810.TransactWriteItems', '{"TransactItems": [')
    assert.equal(badJson.status, 400)
    assert.match(((await badJson.json()) as { __type: string }).__type, /SerializationException$/)
    const unknown = await post('DynamoDB_20120810.Explode', '{}')
    assert.equal(unknown.status, 400)
    assert.match(((await unknown.json()) as { __type: string }).__type, /UnknownOperationException$/)
    const notAList = await post(
      'DynamoDB_20120810.TransactWriteItems',
      '{"TransactItems": [{"Put": {"TableName": 5}}]}',
    )
    assert.equal(notAList.status, 400)
    assert.match(
      ((await notAList.json()) as { __type: string }).__type,
      /(SerializationException|ValidationException)$/,
    )
  })
})
