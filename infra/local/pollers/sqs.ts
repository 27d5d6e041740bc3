import { setTimeout as sleep } from 'node:timers/promises'
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { Invoke } from '../lambda/types.ts'
import { sqsMappingSettings } from './sqs-config.ts'
import type { SqsRecordSource } from './sqs-event.ts'
import { gatherBatch } from './sqs-gather.ts'
import { type BatchContext, runBatch } from './sqs-run-batch.ts'

/** Where the mapping reports trouble; a Powertools Logger fits. Defaults to the console. */
export interface PollerLogger {
  warn(message: string, details: Record<string, unknown>): void
}

/** Settings of a local SQS event source mapping, named as in Lambda's CreateEventSourceMapping. */
export interface SqsEventSourceOptions {
  sqs: SQSClient
  queueUrl: string
  functionName: string
  invoke: Invoke
  /** Messages per invocation, 1–10000 (FIFO: 1–10); default 10. Above 10 needs a batching window. */
  batchSize?: number
  /** Seconds to keep gathering once the first message arrived, 0–300 (not for FIFO); default 0. */
  maximumBatchingWindowSeconds?: number
  /** Honour `{ batchItemFailures: [{ itemIdentifier }] }` answers (FunctionResponseTypes ReportBatchItemFailures). */
  reportBatchItemFailures?: boolean
  /** Batches in flight at once; default 2. */
  maximumConcurrency?: number
  /** `awsRegion` of the records; defaults to the region in the queue's ARN. */
  region?: string
  logger?: PollerLogger
}

/** Counters since start. */
export interface SqsEventSourceStats {
  batches: number
  messages: number
  failedMessages: number
}

/** A running mapping. */
export interface SqsEventSource {
  /** Stops polling and resolves once every batch in flight is settled (about a second at most when idle). */
  stop(): Promise<void>
  stats(): SqsEventSourceStats
}

const RETRY_PAUSE_MS = 1000

/** Asks the queue for its ARN (the records' eventSourceARN), retrying until it answers or the mapping stops. */
async function resolveSource(
  opts: SqsEventSourceOptions,
  stopping: () => boolean,
  signal: AbortSignal,
): Promise<SqsRecordSource | undefined> {
  while (!stopping()) {
    try {
      const { Attributes } = await opts.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: opts.queueUrl, AttributeNames: ['QueueArn'] }),
      )
      const arn = Attributes?.QueueArn
      if (arn) return { eventSourceARN: arn, awsRegion: opts.region ?? arn.split(':')[3] ?? 'us-east-1' }
    } catch (error) {
      opts.logger?.warn('cannot read the queue ARN; retrying', { queueUrl: opts.queueUrl, error })
    }
    await sleep(RETRY_PAUSE_MS, undefined, { signal }).catch(() => {})
  }
  return undefined
}

/**
 * Starts polling a queue and invoking a function with batches of its messages, with the semantics of
 * Lambda's SQS event source mapping (batch size, batching window, partial batch responses, deletion
 * on success only). Throws {@link SqsEventSourceConfigError} for settings AWS would refuse.
 *
 * @example
 * const mapping = startSqsEventSource({ sqs, queueUrl, functionName: 'order-summary', invoke, reportBatchItemFailures: true })
 * await mapping.stop()
 */
export function startSqsEventSource(opts: SqsEventSourceOptions): SqsEventSource {
  const settings = sqsMappingSettings(opts)
  const logger: PollerLogger = opts.logger ?? { warn: (message, details) => console.warn(message, details) }
  const warn = logger.warn.bind(logger)
  const counters: SqsEventSourceStats = { batches: 0, messages: 0, failedMessages: 0 }
  const abort = new AbortController()
  const stopping = () => abort.signal.aborted

  async function worker(source: SqsRecordSource) {
    const ctx: BatchContext = {
      ...opts,
      reportBatchItemFailures: opts.reportBatchItemFailures ?? false,
      source,
      warn,
    }
    const gather = {
      ...opts,
      batchSize: settings.batchSize,
      windowMs: settings.windowSeconds * 1000,
      stopping,
      warn,
    }
    while (!stopping()) {
      try {
        const messages = await gatherBatch(gather)
        if (messages.length === 0) continue
        counters.batches += 1
        counters.messages += messages.length
        counters.failedMessages += await runBatch(ctx, messages)
      } catch (error) {
        warn('receive failed; retrying', { queueUrl: opts.queueUrl, error })
        await sleep(RETRY_PAUSE_MS, undefined, { signal: abort.signal }).catch(() => {})
      }
    }
  }

  const running = (async () => {
    const source = await resolveSource({ ...opts, logger }, stopping, abort.signal)
    if (!source) return
    await Promise.all(Array.from({ length: settings.concurrency }, () => worker(source)))
  })()

  return {
    async stop() {
      abort.abort()
      await running
    },
    stats: () => ({ ...counters }),
  }
}

export { SqsEventSourceConfigError, SqsEventSourceError } from './sqs-errors.ts'
