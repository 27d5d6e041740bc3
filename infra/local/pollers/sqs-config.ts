import { SqsEventSourceConfigError } from './sqs-errors.ts'

/** The mapping settings that shape batches, with AWS's defaults applied. */
export interface SqsMappingSettings {
  batchSize: number
  windowSeconds: number
  concurrency: number
}

/**
 * Applies defaults and the limits AWS checks when an SQS event source mapping is created, so a
 * setting that `cdk deploy` would reject fails locally too.
 */
export function sqsMappingSettings(opts: {
  queueUrl: string
  batchSize?: number | undefined
  maximumBatchingWindowSeconds?: number | undefined
  maximumConcurrency?: number | undefined
}): SqsMappingSettings {
  const fifo = opts.queueUrl.endsWith('.fifo')
  const batchSize = opts.batchSize ?? 10
  const windowSeconds = opts.maximumBatchingWindowSeconds ?? 0
  const concurrency = opts.maximumConcurrency ?? 2
  const problems: string[] = []
  const maxBatch = fifo ? 10 : 10_000
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > maxBatch) {
    problems.push(`batchSize must be an integer from 1 to ${maxBatch}${fifo ? ' for a FIFO queue' : ''}`)
  }
  if (!Number.isInteger(windowSeconds) || windowSeconds < 0 || windowSeconds > 300) {
    problems.push('maximumBatchingWindowSeconds must be an integer from 0 to 300')
  }
  if (fifo && windowSeconds > 0)
    problems.push('maximumBatchingWindowSeconds is not supported for FIFO queues')
  if (batchSize > 10 && windowSeconds < 1) {
    problems.push('a batchSize above 10 needs maximumBatchingWindowSeconds of at least 1')
  }
  // AWS's minimum is 2; 1 is allowed locally so a test or a debugging session can run batches one at a time.
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
    problems.push('maximumConcurrency must be an integer from 1 to 1000')
  }
  if (problems.length > 0) {
    throw new SqsEventSourceConfigError(
      `Invalid SQS event source for ${opts.queueUrl}: ${problems.join('; ')}`,
    )
  }
  return { batchSize, windowSeconds, concurrency }
}
