import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { ReadModelStoreError } from '../errors.ts'
import type { OrderSummary, OrderSummaryRepository } from '../order-summary-repository.ts'
import type { SummaryChange } from '../order-summary-types.ts'
import { orderSummaryKey } from '../summary-key.ts'
import { ReadModelTableSchema } from '../table-schema.ts'
import { summaryUpdate, type UpdateMode } from './summary-update.ts'

const { partitionKey, sortKey } = ReadModelTableSchema

export { orderSummaryKey }

/**
 * DynamoDB adapter of {@link OrderSummaryRepository}. Each change is one UpdateItem (no read first),
 * so concurrent consumers never lose an update and `eventsApplied` counts every application.
 * Payments are added with ADD (DynamoDB sums decimals exactly) beside the set of versions already
 * paid (`paidVersions`), which makes a repeated payment a no-op.
 */
export class DynamoDBOrderSummaryRepository implements OrderSummaryRepository {
  readonly #client: DynamoDBDocumentClient
  readonly #tableName: string

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client
    this.#tableName = options.tableName
  }

  async apply(change: SummaryChange): Promise<void> {
    const pay = change.payment !== undefined
    try {
      // Every applied version is <= lastVersion, so a newer event's payment was never added.
      if (await this.#update(change, { advance: true, pay })) return
      // An older (or the same) version arrived late, e.g. on a standard queue: keep its fields and
      // count it, but do not move the status back, and add its payment only if it never was.
      if (pay && (await this.#update(change, { advance: false, pay }))) return
      await this.#update(change, { advance: false, pay: false })
    } catch (error) {
      throw new ReadModelStoreError(`Cannot update the summary of order ${change.orderId}`, { cause: error })
    }
  }

  async get(orderId: string): Promise<OrderSummary | undefined> {
    try {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#tableName, Key: orderSummaryKey(orderId), ConsistentRead: true }),
      )
      if (!Item) return undefined
      const { [partitionKey]: _pk, [sortKey]: _sk, paidVersions: _paid, ...summary } = Item
      return summary as OrderSummary
    } catch (error) {
      throw new ReadModelStoreError(`Cannot read the summary of order ${orderId}`, { cause: error })
    }
  }

  /** One UpdateItem; false when its condition failed (nothing was written). */
  async #update(change: SummaryChange, mode: UpdateMode): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: orderSummaryKey(change.orderId),
          ...summaryUpdate(change, mode),
        }),
      )
      return true
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false
      throw error
    }
  }
}
