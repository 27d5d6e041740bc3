/**
 * The event source mappings of the local stack, as the CDK stack declares them on AWS: the events
 * table's stream → relay (bisect, bounded retries, on-failure queue), and each consumer queue → its
 * consumer (batch size, window, concurrency, partial batch responses).
 */
import { join } from 'node:path'
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'
import { type ConsumerDeclaration, relay } from '../topology.ts'
import { LOCAL_REGION } from './clients.ts'
import { LocalTables } from './functions.ts'
import type { Invoke } from './lambda/types.ts'
import { type DynamoDbStreamEventSource, startDynamoDbStreamEventSource } from './pollers/dynamodb-stream.ts'
import { type SqsEventSource, startSqsEventSource } from './pollers/sqs.ts'
import type { FanoutResources } from './resources/fanout.ts'

/** A running mapping of either kind. */
export type LocalEventSource = SqsEventSource | DynamoDbStreamEventSource

/** What the mappings are wired to. */
export interface EventSourceWiring {
  invoke: Invoke
  sqs: SQSClient
  resources: FanoutResources
  dynamodbEndpoint: string
  /** The stack's data folder; the relay's stream checkpoint lives in its `checkpoints/`. */
  dataDir: string
  consumers: readonly ConsumerDeclaration[]
  log: (line: string) => void
}

/**
 * Starts every mapping, pushing each onto `started` as soon as it runs, so that a caller whose start
 * fails part-way (a setting the mapping refuses) can still stop the ones already polling.
 */
export function startEventSources(wiring: EventSourceWiring, started: LocalEventSource[]): void {
  started.push(startRelayMapping(wiring))
  for (const consumer of wiring.consumers) {
    const queues = wiring.resources.consumerQueues[consumer.name]
    if (queues === undefined) continue
    started.push(
      startSqsEventSource({
        sqs: wiring.sqs,
        queueUrl: queues.queueUrl,
        functionName: consumer.name,
        invoke: wiring.invoke,
        batchSize: consumer.batchSize,
        maximumBatchingWindowSeconds: consumer.maxBatchingWindowSeconds,
        reportBatchItemFailures: true,
        maximumConcurrency: consumer.maxConcurrency,
        region: LOCAL_REGION,
        logger: {
          warn: (message, details) =>
            wiring.log(`[${consumer.name} poller] ${message} ${JSON.stringify(details)}`),
        },
      }),
    )
  }
}

function startRelayMapping(wiring: EventSourceWiring): DynamoDbStreamEventSource {
  return startDynamoDbStreamEventSource({
    endpoint: wiring.dynamodbEndpoint,
    tableName: LocalTables.events,
    functionName: 'relay',
    invoke: wiring.invoke,
    batchSize: relay.batchSize,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: true,
    bisectBatchOnFunctionError: relay.bisectBatchOnFunctionError,
    maximumRetryAttempts: relay.maximumRetryAttempts,
    checkpointFile: join(wiring.dataDir, 'checkpoints', 'relay.json'),
    region: LOCAL_REGION,
    onFailure: {
      async send(record) {
        await wiring.sqs.send(
          new SendMessageCommand({
            QueueUrl: wiring.resources.relayFailures.queueUrl,
            MessageBody: JSON.stringify(record),
          }),
        )
      },
    },
  })
}
