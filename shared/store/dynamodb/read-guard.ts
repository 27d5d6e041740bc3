import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { StoreContext } from './context.ts'
import { fromGuardItem, guardKey } from './items.ts'
import { storeError } from './sdk-errors.ts'

/** The guard item of `key`, live or expired (strongly consistent), or undefined. */
export async function readGuard(ctx: StoreContext, key: string): Promise<IdempotencyGuard | undefined> {
  try {
    const out = await ctx.client.send(
      new GetCommand({ TableName: ctx.tableName, Key: guardKey(key), ConsistentRead: true }),
    )
    return out.Item ? fromGuardItem(key, out.Item) : undefined
  } catch (error) {
    throw storeError(error)
  }
}
