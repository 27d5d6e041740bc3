/** Maps `X-Amz-Target` to the handler serving it. */
import type { OperationHandler } from './context.ts'
import { itemOperations } from './item-operations.ts'
import { streamsOperations } from './streams-api.ts'
import { tableOperations } from './table-operations.ts'
import { transactGetItems } from './transact-get.ts'
import { transactWriteItems } from './transact-write.ts'

const dynamodb: Record<string, OperationHandler> = {
  ...itemOperations,
  ...tableOperations,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
}

const services: Record<string, Record<string, OperationHandler>> = {
  DynamoDB_20120810: dynamodb,
  DynamoDBStreams_20120810: streamsOperations,
}

/** The handler for a target such as `DynamoDB_20120810.PutItem`, if this engine serves it. */
export function route(target: string): OperationHandler | undefined {
  const [service, operation, ...rest] = target.split('.')
  if (rest.length > 0 || !service || !operation) return undefined
  const handlers = services[service]
  return handlers && Object.hasOwn(handlers, operation) ? handlers[operation] : undefined
}
