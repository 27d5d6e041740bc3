/**
 * The event source mappings of the local stack, from the same catalogue entries the CDK stack builds
 * its mappings from: the events table's stream → relay (bisect, bounded retries, on-failure queue),
 * and each consumer queue → its consumer (batch size, window, concurrency, partial batch responses).
 */
import { join } from 'node:path'
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { FunctionSpec, QueueSourceSpec, StreamSourceSpec } from '../../shared/topology/catalogue.ts'
import { LOCAL_REGION } from './clients.ts'
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
  /** The function catalogue; every entry with a `streamSource` or `queueSource` gets its mapping. */
  functions: readonly FunctionSpec[]
  log: (line: string) => void
}

/**
 * Starts every mapping, pushing each onto `started` as soon as it runs, so that a caller whose start
 * fails part-way (a setting the mapping refuses) can still stop the ones already polling.
 */
export function startEventSources(wiring: EventSourceWiring, started: LocalEventSource[]): void {
  for (const spec of wiring.functions) {
    if (spec.streamSource) started.push(startStreamMapping(wiring, spec.name, spec.streamSource))
    if (spec.queueSource) {
      const mapping = startQueueMapping(wiring, spec.name, spec.queueSource)
      if (mapping) started.push(mapping)
    }
  }
}

function startQueueMapping(
  wiring: EventSourceWiring,
  functionName: string,
  source: QueueSourceSpec,
): SqsEventSource | undefined {
  const queues = wiring.resources.consumerQueues[source.consumer]
  if (queues === undefined) return undefined
  return startSqsEventSource({
    sqs: wiring.sqs,
    queueUrl: queues.queueUrl,
    functionName,
    invoke: wiring.invoke,
    batchSize: source.batchSize,
    maximumBatchingWindowSeconds: source.maxBatchingWindowSeconds,
    reportBatchItemFailures: source.reportBatchItemFailures,
    maximumConcurrency: source.maxConcurrency,
    region: LOCAL_REGION,
    logger: {
      warn: (message, details) =>
        wiring.log(`[${functionName} poller] ${message} ${JSON.stringify(details)}`),
    },
  })
}

function startStreamMapping(
  wiring: EventSourceWiring,
  functionName: string,
  source: StreamSourceSpec,
): DynamoDbStreamEventSource {
  return startDynamoDbStreamEventSource({
    endpoint: wiring.dynamodbEndpoint,
    // Local tables are named as the catalogue names them.
    tableName: source.table,
    functionName,
    invoke: wiring.invoke,
    batchSize: source.batchSize,
    maximumBatchingWindowSeconds: source.maxBatchingWindowSeconds,
    startingPosition: source.startingPosition,
    reportBatchItemFailures: source.reportBatchItemFailures,
    bisectBatchOnFunctionError: source.bisectBatchOnFunctionError,
    maximumRetryAttempts: source.maximumRetryAttempts,
    checkpointFile: join(wiring.dataDir, 'checkpoints', `${functionName}.json`),
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
