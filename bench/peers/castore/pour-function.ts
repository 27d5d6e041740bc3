/**
 * Bench-only Lambda function: Castore's replay, `pourEventStoreEvents` of `@castore/lib-dam`, pouring
 * the order events of a time window into one SQS queue through a `NotificationMessageQueue` on
 * `@castore/message-queue-adapter-sqs`, unthrottled (no `rateLimit`), as the libraries' READMEs show.
 * Its clients are built from its environment with our client options, as the replay function's are.
 */
import { NotificationMessageQueue } from '@castore/core'
import { pourEventStoreEvents } from '@castore/lib-dam'
import { SQSMessageQueueAdapter } from '@castore/message-queue-adapter-sqs'
import { dynamodbClient } from '../../../shared/clients/dynamodb.ts'
import { sqsClient } from '../../../shared/clients/sqs.ts'
import { loadConfig } from '../../../shared/config.ts'
import { castoreOrderStore } from './order-store.ts'

/** The pour's request: the window of events to pour, and the queue to pour them into. */
export interface CastorePourRequest {
  queueUrl: string
  from: string
  to: string
}

const config = loadConfig()
const eventStore = castoreOrderStore(dynamodbClient(config))

/** Pours the window's events; answers with the count poured (`sent`, as the replay answers). */
export async function handler(request: CastorePourRequest): Promise<{ sent: number }> {
  const messageChannel = new NotificationMessageQueue({
    messageQueueId: 'order-summary',
    sourceEventStores: [eventStore],
    messageQueueAdapter: new SQSMessageQueueAdapter({
      queueUrl: request.queueUrl,
      sqsClient: sqsClient(config),
    }),
  })
  const { pouredEventCount } = await pourEventStoreEvents({
    eventStore,
    messageChannel,
    filters: { from: request.from, to: request.to },
  })
  return { sent: pouredEventCount }
}
