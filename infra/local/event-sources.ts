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
import { type DynamoDBStreamEventSource, startDynamoDBStreamEventSource } from './pollers/dynamodb-stream.ts'
import { type SqsEventSource, startSqsEventSource } from './pollers/sqs.ts'
import type { FanoutResources } from './resources/fanout.ts'

/** A running mapping of either kind. */
export type LocalEventSource = SqsEventSource | DynamoDBStreamEventSource

/** The settings a mapping runs with, as Lambda's CreateEventSourceMapping names them (the parity test reads them). */
export type MappingSettings = {
  functionName: string
  batchSize: number
  reportBatchItemFailures: boolean
} & (
  | { kind: 'sqs'; queueUrl: string; maximumBatchingWindowSeconds: number; maximumConcurrency: number }
  | {
      kind: 'dynamodb-stream'
      tableName: string
      maximumBatchingWindowSeconds: number
      startingPosition: 'TRIM_HORIZON' | 'LATEST'
      bisectBatchOnFunctionError: boolean
      maximumRetryAttempts: number
    }
)

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
 * fails part-way (a setting the mapping refuses) can still stop the ones already polling. Returns the
 * settings each runs with.
 */
export function startEventSources(wiring: EventSourceWiring, started: LocalEventSource[]): MappingSettings[] {
  const settings: MappingSettings[] = []
  for (const spec of wiring.functions) {
    if (spec.streamSource) {
      const stream = streamSettings(spec.name, spec.streamSource)
      settings.push(stream)
      started.push(startStreamMapping(wiring, stream))
    }
    const queueUrl = spec.queueSource && wiring.resources.consumerQueues[spec.queueSource.consumer]?.queueUrl
    if (spec.queueSource && queueUrl) {
      const queue = queueSettings(spec.name, queueUrl, spec.queueSource)
      settings.push(queue)
      started.push(startQueueMapping(wiring, queue))
    }
  }
  return settings
}

function queueSettings(functionName: string, queueUrl: string, source: QueueSourceSpec) {
  return {
    kind: 'sqs' as const,
    functionName,
    queueUrl,
    batchSize: source.batchSize,
    maximumBatchingWindowSeconds: source.maxBatchingWindowSeconds,
    reportBatchItemFailures: source.reportBatchItemFailures,
    maximumConcurrency: source.maxConcurrency,
  }
}

function streamSettings(functionName: string, source: StreamSourceSpec) {
  return {
    kind: 'dynamodb-stream' as const,
    functionName,
    // Local tables are named as the catalogue names them.
    tableName: source.table,
    batchSize: source.batchSize,
    maximumBatchingWindowSeconds: source.maxBatchingWindowSeconds,
    startingPosition: source.startingPosition,
    reportBatchItemFailures: source.reportBatchItemFailures,
    bisectBatchOnFunctionError: source.bisectBatchOnFunctionError,
    maximumRetryAttempts: source.maximumRetryAttempts,
    // `parallelizationFactor` is not emulated: the poller runs one batch per shard at a time, which
    // keeps the same per-stream order and only matters for throughput beyond one machine's.
  }
}

function startQueueMapping(
  wiring: EventSourceWiring,
  settings: ReturnType<typeof queueSettings>,
): SqsEventSource {
  const { functionName } = settings
  return startSqsEventSource({
    ...settings,
    sqs: wiring.sqs,
    invoke: wiring.invoke,
    region: LOCAL_REGION,
    logger: {
      warn: (message, details) =>
        wiring.log(`[${functionName} poller] ${message} ${JSON.stringify(details)}`),
    },
  })
}

function startStreamMapping(
  wiring: EventSourceWiring,
  settings: ReturnType<typeof streamSettings>,
): DynamoDBStreamEventSource {
  return startDynamoDBStreamEventSource({
    ...settings,
    endpoint: wiring.dynamodbEndpoint,
    invoke: wiring.invoke,
    checkpointFile: join(wiring.dataDir, 'checkpoints', `${settings.functionName}.json`),
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
