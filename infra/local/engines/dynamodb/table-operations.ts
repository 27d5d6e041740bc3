/**
 * Table operations: dynalite's, plus the StreamSpecification it ignores. Each runs under the write
 * lock until the table has settled (dynalite finishes table changes on a timer), so no table
 * change overlaps a captured write.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { EngineContext, OperationHandler } from './context.ts'
import {
  getTable,
  isDynaliteError,
  runAction,
  type TableDescription,
  validateRequest,
} from './dynalite-internals.ts'
import { ValidationError } from './errors.ts'
import { applyStreamSpec, parseStreamSpec, withStreamFields } from './stream-specification.ts'

const SETTLE_LIMIT_MS = 10_000

/** Runs a table change under the write lock with the table cache dropped before and after. */
function tableChange<T>(ctx: EngineContext, fn: () => Promise<T>): Promise<T> {
  return ctx.lock.write(async () => {
    ctx.tables.invalidate()
    try {
      return await fn()
    } finally {
      ctx.tables.invalidate()
    }
  })
}

/** Waits until the table is ACTIVE, or gone when `gone` is set (dynalite uses 0 ms timers here). */
async function settle(ctx: EngineContext, name: string, gone = false): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS
  while (Date.now() < deadline) {
    try {
      const table = await getTable(ctx.store, name, false)
      if (!gone && table.TableStatus === 'ACTIVE') return
    } catch (err) {
      if (gone && isDynaliteError(err)) return
      if (!isDynaliteError(err)) throw err
    }
    await sleep(1)
  }
}

const createTable: OperationHandler = (ctx, request) => {
  const spec = parseStreamSpec(request.StreamSpecification)
  const data = validateRequest(ctx.store, 'CreateTable', request)
  return tableChange(ctx, async () => {
    const result = (await runAction(ctx.store, 'CreateTable', data)) as { TableDescription: TableDescription }
    const name = result.TableDescription.TableName
    await settle(ctx, name)
    if (spec?.enabled) await applyStreamSpec(ctx.streams, result.TableDescription, spec)
    // AWS answers CREATING; the table is nevertheless usable as soon as this returns.
    return {
      TableDescription: withStreamFields(ctx.streams, name, {
        ...result.TableDescription,
        TableStatus: 'CREATING',
      }),
    }
  })
}

const updateTable: OperationHandler = (ctx, request) => {
  const spec = parseStreamSpec(request.StreamSpecification)
  const { StreamSpecification: _, ...rest } = request
  const onlyStream = spec !== undefined && Object.keys(rest).every((k) => k === 'TableName')
  const data = onlyStream ? undefined : validateRequest(ctx.store, 'UpdateTable', rest)
  if (onlyStream && typeof rest.TableName !== 'string')
    throw new ValidationError("The parameter 'TableName' is required but was not present in the request")
  const name = String(rest.TableName)
  return tableChange(ctx, async () => {
    if (data) {
      await runAction(ctx.store, 'UpdateTable', data)
      await settle(ctx, name)
    }
    const table = await getTable(ctx.store, name, true)
    if (spec) await applyStreamSpec(ctx.streams, table, spec)
    return { TableDescription: withStreamFields(ctx.streams, name, await getTable(ctx.store, name, false)) }
  })
}

const describeTable: OperationHandler = (ctx, request) => {
  const data = validateRequest(ctx.store, 'DescribeTable', request)
  return ctx.lock.read(async () => {
    const result = (await runAction(ctx.store, 'DescribeTable', data)) as { Table: TableDescription }
    return { Table: withStreamFields(ctx.streams, result.Table.TableName, result.Table) }
  })
}

const deleteTable: OperationHandler = (ctx, request) => {
  const data = validateRequest(ctx.store, 'DeleteTable', request)
  return tableChange(ctx, async () => {
    const result = (await runAction(ctx.store, 'DeleteTable', data)) as { TableDescription: TableDescription }
    const name = result.TableDescription.TableName
    await settle(ctx, name, true)
    const description = withStreamFields(ctx.streams, name, result.TableDescription)
    // The stream outlives its table (readable, DISABLED), as on AWS.
    await ctx.streams.disable(name)
    return { TableDescription: description }
  })
}

/** Handlers for the table operations. */
export const tableOperations: Record<string, OperationHandler> = {
  CreateTable: createTable,
  UpdateTable: updateTable,
  DescribeTable: describeTable,
  DeleteTable: deleteTable,
}
