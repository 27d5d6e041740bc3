/**
 * Parsing and validation of TransactItems, shared by TransactWriteItems and TransactGetItems.
 * Each action is validated with dynalite's own validator for the matching single-item operation,
 * which also parses its expressions.
 */
import type { EngineContext } from './context.ts'
import {
  type DynaliteOperation,
  dynaliteDb,
  getTable,
  type Item,
  type TableDescription,
  validateRequest,
} from './dynalite-internals.ts'
import { SerializationError, ValidationError } from './errors.ts'

/** Transactions are capped at 100 actions (DynamoDB's limit). */
export const MAX_TRANSACT_ITEMS = 100

/** A validated transaction action. */
export interface TransactAction {
  kind: string
  op: DynaliteOperation
  data: Record<string, unknown>
  returnOldOnFailure: boolean
}

/** Checks the TransactItems list itself: present, a list, 1 to 100 entries. */
export function checkTransactItems(request: Record<string, unknown>): Record<string, unknown>[] {
  const items = request.TransactItems
  const constraint = (rule: string) =>
    new ValidationError(
      `1 validation error detected: Value '${JSON.stringify(items)}' at 'transactItems' failed to satisfy constraint: ${rule}`,
    )
  if (items === undefined || items === null) throw constraint('Member must not be null')
  if (!Array.isArray(items)) throw new SerializationError('Unexpected value type in payload')
  if (items.length > MAX_TRANSACT_ITEMS)
    throw constraint(`Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`)
  if (items.length < 1) throw constraint('Member must have length greater than or equal to 1')
  if (!items.every((i) => typeof i === 'object' && i !== null && !Array.isArray(i)))
    throw new SerializationError('Unexpected value type in payload')
  return items as Record<string, unknown>[]
}

/** Validates one action of a transaction (`kinds` maps the action name to the operation validating it). */
export function parseAction(
  ctx: EngineContext,
  entry: Record<string, unknown>,
  kinds: Record<string, DynaliteOperation>,
): TransactAction {
  const present = Object.keys(kinds).filter((k) => entry[k] !== undefined && entry[k] !== null)
  const kind = present[0]
  if (present.length !== 1 || kind === undefined) {
    throw new ValidationError(`TransactItems can only contain one of ${Object.keys(kinds).join(', ')}`)
  }
  const op = kinds[kind] as DynaliteOperation
  const raw = entry[kind]
  if (typeof raw !== 'object' || raw === null)
    throw new SerializationError('Unexpected value type in payload')
  const fields = raw as Record<string, unknown>
  const returnOldOnFailure = fields.ReturnValuesOnConditionCheckFailure === 'ALL_OLD'
  if (kind === 'ConditionCheck' && typeof fields.ConditionExpression !== 'string') {
    throw new ValidationError(
      "The parameter 'ConditionExpression' is required but was not present in the request",
    )
  }
  if (kind === 'Update' && typeof fields.UpdateExpression !== 'string') {
    throw new ValidationError(
      "The parameter 'UpdateExpression' is required but was not present in the request",
    )
  }
  const { ReturnValuesOnConditionCheckFailure: _, ...rest } = fields
  return { kind, op, data: validateRequest(ctx.store, op, rest), returnOldOnFailure }
}

/** An action resolved against its table: the LevelDB key of its item and the item now stored. */
export interface ResolvedAction extends TransactAction {
  table: TableDescription
  itemKey: string
  existing: Item | undefined
}

/** Looks up tables and current items; rejects two actions on one item. Call under the lock. */
export async function resolveActions(
  ctx: EngineContext,
  actions: TransactAction[],
): Promise<ResolvedAction[]> {
  const seen = new Set<string>()
  const resolved: ResolvedAction[] = []
  for (const action of actions) {
    const table = await getTable(ctx.store, String(action.data.TableName), true)
    const key = (action.data.Item ?? action.data.Key) as Item
    const invalid = action.data.Item
      ? dynaliteDb.validateItem(key, table)
      : dynaliteDb.validateKey(key, table)
    if (invalid) throw invalid
    const itemKey = `item-${table.TableName}~${dynaliteDb.createKey(key, table)}`
    if (seen.has(itemKey))
      throw new ValidationError('Transaction request cannot include multiple operations on one item')
    seen.add(itemKey)
    resolved.push({
      ...action,
      table,
      itemKey,
      existing: (await ctx.capture.read(itemKey)) as Item | undefined,
    })
  }
  return resolved
}
