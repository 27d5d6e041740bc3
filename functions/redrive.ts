/**
 * Redrive: moves one consumer's dead-letter queue back to its queue. Invoked by an operator (console
 * test event `{ "consumer": "order-summary" }`, `aws lambda invoke`, or `npm run redrive` locally).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { sqsClient } from '../shared/clients/sqs.ts'
import { loadConfig } from '../shared/config.ts'
import { createLogger } from '../shared/observability/logger.ts'
import { loadRedriveConfig } from '../shared/redrive/config.ts'
import { RedriveError, RedriveFailedError } from '../shared/redrive/errors.ts'
import { redriveConsumer } from '../shared/redrive/redrive.ts'
import { parseRedriveRequest, queuesOf } from '../shared/redrive/request.ts'
import type { RedriveResult } from '../shared/redrive/types.ts'

// Validated at init: a missing or incomplete CONSUMER_QUEUES fails the cold start, naming the variable.
const config = { ...loadConfig(), ...loadRedriveConfig() }
const logger = createLogger({ serviceName: 'redrive' })
const sqs = sqsClient(config)

/** Time kept back from the function timeout to answer after watching the move task. */
const ANSWER_MARGIN_MS = 5_000

/** The answer: the consumer and how many messages went back to its queue. */
export type RedriveResponse = { consumer: string } & RedriveResult

const redrive = async (event: unknown, context: Context): Promise<RedriveResponse> => {
  const { consumer } = parseRedriveRequest(event)
  const queues = queuesOf(config.consumerQueues, consumer)
  const waitMs = Math.max(0, Math.min(30_000, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS))
  try {
    const result = await redriveConsumer(sqs, queues, { waitMs })
    logger.info('Redrive finished', { consumer, ...result })
    return { consumer, ...result }
  } catch (error) {
    if (error instanceof RedriveError) throw error
    logger.error('Redrive failed', { consumer, error: error as Error })
    // An SDK error (task already running, access denied, ...) reaches the operator as a typed error.
    throw new RedriveFailedError(consumer, error instanceof Error ? error.message : String(error), {
      cause: error,
    })
  }
}

/** Lambda handler: `{ consumer }` → `{ consumer, moved, status, strategy }`. */
export const handler = middy(redrive).use(injectLambdaContext(logger))
