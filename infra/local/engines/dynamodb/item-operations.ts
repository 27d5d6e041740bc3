/**
 * The item and read operations dynalite implements, run under the engine's lock. Writes are
 * captured and committed together with their stream records.
 */
import type { EngineContext, OperationHandler } from './context.ts'
import {
  type DynaliteOperation,
  dynaliteDb,
  getTable,
  isDynaliteError,
  runAction,
  validateRequest,
} from './dynalite-internals.ts'
import { commitWithRecords } from './stream-records.ts'

const READS = [
  'BatchGetItem',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'Query',
  'Scan',
] as const
const WRITES = ['BatchWriteItem', 'DeleteItem', 'PutItem', 'UpdateItem'] as const
const TAGS = ['TagResource', 'UntagResource'] as const

const read =
  (op: DynaliteOperation): OperationHandler =>
  (ctx, request) => {
    const data = validateRequest(ctx.store, op, request)
    return ctx.lock.read(() => runAction(ctx.store, op, data))
  }

const tag =
  (op: DynaliteOperation): OperationHandler =>
  (ctx, request) => {
    const data = validateRequest(ctx.store, op, request)
    return ctx.lock.write(() => runAction(ctx.store, op, data))
  }

const write =
  (op: DynaliteOperation): OperationHandler =>
  (ctx, request) => {
    // dynalite drops this parameter; read it before validation strips it.
    const returnOldOnFailure = request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD'
    const data = validateRequest(ctx.store, op, request)
    return ctx.lock.write(async () => {
      const outcome = await ctx.capture.capture(() => runAction(ctx.store, op, data))
      // Non-transactional: whatever dynalite wrote is committed, with its stream records.
      await commitWithRecords(ctx.capture, ctx.streams, ctx.region, outcome.ops, outcome.reads)
      if (outcome.ok) return outcome.value
      if (returnOldOnFailure) await attachOldItem(ctx, data, outcome.error)
      throw outcome.error
    })
  }

/** Adds the current item to a ConditionalCheckFailedException, as ReturnValuesOnConditionCheckFailure asks. */
async function attachOldItem(
  ctx: EngineContext,
  data: Record<string, unknown>,
  error: unknown,
): Promise<void> {
  if (!isDynaliteError(error) || !String(error.body.__type).endsWith('#ConditionalCheckFailedException'))
    return
  const table = await getTable(ctx.store, String(data.TableName), true)
  const key = (data.Key ?? data.Item) as Parameters<typeof dynaliteDb.createKey>[0]
  const item = await ctx.capture.read(`item-${table.TableName}~${dynaliteDb.createKey(key, table)}`)
  if (item) Object.assign(error.body, { Item: item })
}

/** Handlers for every dynalite operation except the table ones. */
export const itemOperations: Record<string, OperationHandler> = Object.fromEntries([
  ...READS.map((op) => [op, read(op)]),
  ...WRITES.map((op) => [op, write(op)]),
  ...TAGS.map((op) => [op, tag(op)]),
])
