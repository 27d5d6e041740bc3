import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { ReadModelStoreError } from '../errors.ts'
import type { NotificationRepository, ShippingNotification } from '../notification-repository.ts'
import { ReadModelTableSchema } from '../table-schema.ts'

const { partitionKey, sortKey } = ReadModelTableSchema

const notificationPk = (orderId: string) => `notification#${orderId}`

/** DynamoDB adapter of {@link NotificationRepository}: item `notification#<orderId>` / `<eventId>`. */
export class DynamoDBNotificationRepository implements NotificationRepository {
  readonly #client: DynamoDBDocumentClient
  readonly #tableName: string

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client
    this.#tableName = options.tableName
  }

  async record(notification: ShippingNotification): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            [partitionKey]: notificationPk(notification.orderId),
            [sortKey]: notification.eventId,
            ...notification,
          },
        }),
      )
    } catch (error) {
      throw new ReadModelStoreError(`Cannot record the notification of order ${notification.orderId}`, {
        cause: error,
      })
    }
  }

  async listForOrder(orderId: string): Promise<ShippingNotification[]> {
    try {
      // One order has a handful of notifications: a single page (1 MB) always holds them.
      const { Items = [] } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': partitionKey },
          ExpressionAttributeValues: { ':pk': notificationPk(orderId) },
          ConsistentRead: true,
        }),
      )
      return Items.map(({ [partitionKey]: _pk, [sortKey]: _sk, ...rest }) => rest as ShippingNotification)
    } catch (error) {
      throw new ReadModelStoreError(`Cannot list the notifications of order ${orderId}`, { cause: error })
    }
  }
}
