/**
 * Reads the consumers' effects from the read-model table: the order summaries (`order#<id>` /
 * `summary`, with `eventsApplied`) and the shipping notifications (`notification#<id>` / `<eventId>`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, paginateScan, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { localClientConfig } from '../../infra/local/clients.ts'

const TABLE = 'read-model'

/** A DocumentClient for the stack's DynamoDB endpoint. */
export function readModelClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(endpoint)))
}

/** `eventsApplied` of an order's summary; 0 when there is no summary yet. */
export async function eventsApplied(db: DynamoDBDocumentClient, orderId: string): Promise<number> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: TABLE,
      Key: { pk: `order#${orderId}`, sk: 'summary' },
      ConsistentRead: true,
    }),
  )
  return Number(Item?.eventsApplied ?? 0)
}

/** Event ids of an order's shipping notifications. */
export async function notifications(db: DynamoDBDocumentClient, orderId: string): Promise<string[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `notification#${orderId}` },
      ConsistentRead: true,
    }),
  )
  return Items.map((i) => String(i.sk))
}

/** One item by key, read consistently. */
export async function readItem(
  db: DynamoDBDocumentClient,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))
  return Item
}

/** Every order's `eventsApplied` and notification count, from one scan of the table. */
export interface Effects {
  applied: Map<string, number>
  notified: Map<string, number>
}

export async function scanEffects(db: DynamoDBDocumentClient): Promise<Effects> {
  const effects: Effects = { applied: new Map(), notified: new Map() }
  for await (const page of paginateScan({ client: db }, { TableName: TABLE, ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      const [kind, orderId = ''] = String(item.pk).split('#')
      if (kind === 'order' && item.sk === 'summary') effects.applied.set(orderId, Number(item.eventsApplied))
      if (kind === 'notification') effects.notified.set(orderId, (effects.notified.get(orderId) ?? 0) + 1)
    }
  }
  return effects
}
