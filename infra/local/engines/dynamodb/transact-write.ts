/**
 * TransactWriteItems (dynalite has none). Under the write lock: every condition is evaluated
 * against the same snapshot; if one fails the transaction is cancelled with a reason per item, in
 * item order. Otherwise the writes run through dynalite's actions with their LevelDB writes captured,
 * and are committed with their stream records in one atomic batch, or dropped entirely.
 */
import type { EngineContext, OperationHandler } from './context.ts'
import { dynaliteDb, isDynaliteError, runAction } from './dynalite-internals.ts'
import { type CancellationReason, TransactionCanceledError } from './errors.ts'
import { commitWithRecords } from './stream-records.ts'
import { checkTransactItems, parseAction, type ResolvedAction, resolveActions } from './transact-items.ts'

const WRITE_KINDS = {
  ConditionCheck: 'DeleteItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
} as const

const NONE: CancellationReason = { Code: 'None' }

function conditionReasons(actions: ResolvedAction[]): CancellationReason[] | undefined {
  const reasons = actions.map((a): CancellationReason => {
    if (!dynaliteDb.checkConditional(a.data, a.existing)) return NONE
    return {
      Code: 'ConditionalCheckFailed',
      Message: 'The conditional request failed',
      ...(a.returnOldOnFailure && a.existing ? { Item: a.existing } : {}),
    }
  })
  return reasons.some((r) => r !== NONE) ? reasons : undefined
}

async function applyWrites(ctx: EngineContext, actions: ResolvedAction[]): Promise<void> {
  let current = 0
  const known = new Map(actions.map((a) => [a.itemKey, a.existing] as const))
  const outcome = await ctx.capture.capture(async () => {
    for (const [index, action] of actions.entries()) {
      current = index
      if (action.kind !== 'ConditionCheck') await runAction(ctx.store, action.op, action.data)
    }
  }, known)
  if (!outcome.ok) {
    // Nothing was written: the captured operations are simply dropped.
    const message = isDynaliteError(outcome.error)
      ? String(outcome.error.body.message ?? outcome.error.message)
      : undefined
    if (!message) throw outcome.error
    throw new TransactionCanceledError(
      actions.map((_, i) => (i === current ? { Code: 'ValidationError', Message: message } : NONE)),
    )
  }
  await commitWithRecords(ctx.capture, ctx.streams, ctx.region, outcome.ops, outcome.reads)
}

function consumedCapacity(request: Record<string, unknown>, actions: ResolvedAction[]): object {
  if (request.ReturnConsumedCapacity !== 'TOTAL' && request.ReturnConsumedCapacity !== 'INDEXES') return {}
  const units = new Map<string, number>()
  // A transactional write costs two write units per KB (prepare + commit).
  for (const a of actions) units.set(a.table.TableName, (units.get(a.table.TableName) ?? 0) + 2)
  return {
    ConsumedCapacity: [...units].map(([TableName, CapacityUnits]) => ({
      TableName,
      CapacityUnits,
      WriteCapacityUnits: CapacityUnits,
    })),
  }
}

export const transactWriteItems: OperationHandler = (ctx, request) => {
  const actions = checkTransactItems(request).map((entry) => parseAction(ctx, entry, WRITE_KINDS))
  return ctx.lock.write(async () => {
    const resolved = await resolveActions(ctx, actions)
    const reasons = conditionReasons(resolved)
    if (reasons) throw new TransactionCanceledError(reasons)
    await applyWrites(ctx, resolved)
    return consumedCapacity(request, resolved)
  })
}
