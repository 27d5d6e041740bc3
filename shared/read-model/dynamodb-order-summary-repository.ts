import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { ReadModelStoreError } from './errors.ts'
import type { SummaryChange } from './order-summary.ts'
import type { OrderSummary, OrderSummaryRepository } from './order-summary-repository.ts'
import { ReadModelTableSchema } from './table-schema.ts'

const { partitionKey, sortKey } = ReadModelTableSchema

/** The key of an order's summary item. */
export const orderSummaryKey = (orderId: string) => ({
  [partitionKey]: `order#${orderId}`,
  [sortKey]: 'summary',
})

/**
 * DynamoDB adapter of {@link OrderSummaryRepository}. Each change is one UpdateItem (no read first),
 * so concurrent consumers never lose an update and `eventsApplied` counts every application.
 */
export class DynamoDBOrderSummaryRepository implements OrderSummaryRepository {
  readonly #client: DynamoDBDocumentClient
  readonly #tableName: string

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client
    this.#tableName = options.tableName
  }

  async apply(change: SummaryChange): Promise<void> {
    try {
      await this.#update(change, true)
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw this.#storeError(change.orderId, error)
      // An older (or the same) version arrived late, e.g. on a standard queue: keep its fields and
      // count it, but do not move the status back.
      await this.#update(change, false).catch((e: unknown) => {
        throw this.#storeError(change.orderId, e)
      })
    }
  }

  async get(orderId: string): Promise<OrderSummary | undefined> {
    try {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#tableName, Key: orderSummaryKey(orderId), ConsistentRead: true }),
      )
      if (!Item) return undefined
      const { [partitionKey]: _pk, [sortKey]: _sk, ...summary } = Item
      return summary as OrderSummary
    } catch (error) {
      throw this.#storeError(orderId, error)
    }
  }

  /** One UpdateItem; with `advance`, also sets status and version, on condition that the event is newer. */
  async #update(change: SummaryChange, advance: boolean): Promise<void> {
    const names: Record<string, string> = { '#orderId': 'orderId', '#applied': 'eventsApplied' }
    const values: Record<string, unknown> = { ':orderId': change.orderId, ':one': 1 }
    const sets = ['#orderId = :orderId']
    const fields: Record<string, unknown> = advance
      ? { ...change.fields, status: change.status, lastVersion: change.version, updatedAt: change.time }
      : { ...change.fields }
    Object.entries(fields).forEach(([name, value], i) => {
      if (value === undefined) return
      names[`#f${i}`] = name
      values[`:f${i}`] = value
      sets.push(`#f${i} = :f${i}`)
    })
    if (advance) values[':version'] = change.version
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: orderSummaryKey(change.orderId),
        UpdateExpression: `SET ${sets.join(', ')} ADD #applied :one`,
        ...(advance
          ? { ConditionExpression: 'attribute_not_exists(#lastVersion) OR #lastVersion < :version' }
          : {}),
        ExpressionAttributeNames: advance ? { ...names, '#lastVersion': 'lastVersion' } : names,
        ExpressionAttributeValues: values,
      }),
    )
  }

  #storeError(orderId: string, cause: unknown): ReadModelStoreError {
    return new ReadModelStoreError(`Cannot update the summary of order ${orderId}`, { cause })
  }
}
