import assert from 'node:assert/strict'
import { connect, Server } from 'node:net'
import { platform } from 'node:os'
import { after, before, describe, it } from 'node:test'
import { setImmediate } from 'node:timers/promises'
import {
  createStore,
  DYNALITE_OPERATIONS,
  type DynaliteStore,
  dynaliteDb,
  getTable,
  isDynaliteError,
  runAction,
  validateRequest,
} from '../../infra/local/engines/dynamodb/dynalite-internals.ts'
import { installedVersion, pinnedVersion } from '../../infra/local/engines/engine-version.ts'
import { applyFauxqsPatches } from '../../infra/local/engines/sns-sqs/fauxqs-patches.ts'
import { startSnsSqs } from '../../infra/local/engines/sns-sqs.ts'

/**
 * The assumptions our patches and deep requires make about dynalite's and fauxqs's internals. When
 * a pin moves, these say what broke. The message-loss fix (ChangeMessageVisibility 0 on a persistent
 * engine) is pinned by its behaviour in sqs-engine.test.ts.
 */

/** Resolves true when a TCP connection to host:port opens, false when it is refused. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

describe('engine packages', () => {
  it('are installed at exactly the versions package.json pins', () => {
    for (const name of ['dynalite', 'fauxqs'] as const)
      assert.equal(installedVersion(name), pinnedVersion(name))
  })
})

describe('dynalite internals the DynamoDB engine drives', () => {
  let store: DynaliteStore
  const table = 'internals'

  before(async () => {
    store = createStore(undefined)
    const create = {
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }
    await runAction(store, 'CreateTable', validateRequest(store, 'CreateTable', create))
    // Even with createTableMs 0, dynalite flips the table to ACTIVE on a later tick.
    while ((await getTable(store, table, false)).TableStatus !== 'ACTIVE') await setImmediate()
  })

  after(
    () =>
      new Promise<void>((resolve, reject) =>
        store.lifecycleManager.gracefulClose((e) => (e ? reject(e) : resolve())),
      ),
  )

  it('validate every operation the engine forwards, answering bad input with an AWS error body', () => {
    for (const op of DYNALITE_OPERATIONS) {
      try {
        validateRequest(store, op, {})
        assert.equal(op, 'ListTables', `${op} needs no parameters`)
      } catch (error) {
        assert.ok(isDynaliteError(error) && error.statusCode === 400, `${op}: ${String(error)}`)
      }
    }
  })

  it('run a validated write and read through the actions, with the store shape the engine reads', async () => {
    const item = { pk: { S: 'a' }, n: { N: '1' } }
    await runAction(store, 'PutItem', validateRequest(store, 'PutItem', { TableName: table, Item: item }))
    const got = await runAction(
      store,
      'GetItem',
      validateRequest(store, 'GetItem', { TableName: table, Key: { pk: { S: 'a' } } }),
    )
    assert.deepEqual((got as { Item?: unknown }).Item, item)
    assert.equal(typeof store.tableDb.awsRegion, 'string')
    assert.equal(typeof store.options.maxItemSize, 'number')
    for (const method of ['put', 'del', 'batch', 'get', 'values'] as const)
      assert.equal(typeof store.db[method], 'function')
  })

  it('evaluate a parsed condition against an existing item, key it and size it', async () => {
    const description = await getTable(store, table, false)
    const existing = { pk: { S: 'a' }, n: { N: '1' } }
    const conditional = (value: string) =>
      validateRequest(store, 'PutItem', {
        TableName: table,
        Item: existing,
        ConditionExpression: 'n = :n',
        ExpressionAttributeValues: { ':n': { N: value } },
      })
    assert.equal(dynaliteDb.checkConditional(conditional('1'), existing) ?? undefined, undefined)
    const failed = dynaliteDb.checkConditional(conditional('2'), existing)
    assert.ok(isDynaliteError(failed))
    assert.match(JSON.stringify(failed.body), /ConditionalCheckFailedException/)
    assert.equal(typeof dynaliteDb.createKey({ pk: { S: 'a' } }, description), 'string')
    assert.equal(dynaliteDb.validateKey({ pk: { S: 'a' } }, description) ?? undefined, undefined)
    assert.ok(isDynaliteError(dynaliteDb.validateItem({ other: { S: 'x' } }, description)))
    assert.ok(dynaliteDb.itemSize(existing) > 0)
  })
})

describe('fauxqs patches', () => {
  it('apply both to the pinned fauxqs: the message-loss fix and synchronous = NORMAL', async () => {
    // 'not needed' for updateMessageReady means fauxqs fixed the defect: drop that patch.
    assert.deepEqual(await applyFauxqsPatches(), {
      updateMessageReady: 'applied',
      synchronousNormal: 'applied',
    })
  })

  it('keep fauxqs off every interface but the one it is given, and leave net.Server alone after start', async (t) => {
    // 127.0.0.0/8 is all loopback on Linux: bound to 127.0.0.2, the engine must refuse 127.0.0.1,
    // which it would accept if fauxqs's hard-coded 0.0.0.0 got through.
    if (platform() !== 'linux') return t.skip('needs 127.0.0.2, a loopback address only Linux configures')
    const listen = Server.prototype.listen
    const engine = await startSnsSqs({ host: '127.0.0.2', port: 0 })
    try {
      assert.equal(Server.prototype.listen, listen)
      assert.equal(engine.endpoint, `http://127.0.0.2:${engine.port}`)
      assert.equal(await reachable('127.0.0.2', engine.port), true)
      assert.equal(await reachable('127.0.0.1', engine.port), false)
    } finally {
      await engine.stop()
    }
  })
})
