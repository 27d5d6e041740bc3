/**
 * Replay: re-sends stored history to one consumer's queue or to a topic, marked as replays.
 * Invoked by an operator (console test event, `aws lambda invoke`, or `npm run replay` locally)
 * with the DESIGN.md replay request, and by itself to continue a long job past its timeout.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { SnsTopicPublisher } from '../shared/channels/sns-topic-publisher.ts'
import { SqsQueueSender } from '../shared/channels/sqs-queue-sender.ts'
import { documentClient } from '../shared/clients/dynamodb.ts'
import { lambdaClient } from '../shared/clients/lambda.ts'
import { snsClient } from '../shared/clients/sns.ts'
import { sqsClient } from '../shared/clients/sqs.ts'
import { createLogger } from '../shared/observability/logger.ts'
import { loadReplayConfig } from '../shared/replay/config.ts'
import type { ReplayDeps } from '../shared/replay/deps.ts'
import { DynamoDbReplayJobStore } from '../shared/replay/dynamodb-job-store.ts'
import { handleReplayRequest } from '../shared/replay/handle-request.ts'
import { LambdaContinuation } from '../shared/replay/lambda-continuation.ts'
import type { ReplayResponse } from '../shared/replay/response.ts'
import { DynamoDBEventStorage } from '../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../shared/store/event-store.ts'
import { registry } from './domain.ts'

// Validated at init: a missing variable fails the cold start, naming it.
const config = loadReplayConfig()
const logger = createLogger({ serviceName: 'replay' })
const db = documentClient(config)
const deps: ReplayDeps = {
  events: new EventStore({
    storage: new DynamoDBEventStorage({ client: db, tableName: config.eventsTableName }),
    registry,
  }),
  jobs: new DynamoDbReplayJobStore({ client: db, tableName: config.jobsTableName }),
  registry,
  channels: { queue: new SqsQueueSender(sqsClient(config)), topic: new SnsTopicPublisher(snsClient(config)) },
  topology: config.topology,
  continuation: new LambdaContinuation(lambdaClient(config), config.functionName),
  source: config.eventSource,
  logger,
}

const replay = (event: unknown, context: Context): Promise<ReplayResponse> =>
  handleReplayRequest(event, deps, {
    remainingMs: () => context.getRemainingTimeInMillis(),
    marginMs: config.deadlineMarginMs,
  })

/** Lambda handler: a replay request → the job's status and counts (see `shared/replay/response.ts`). */
export const handler = middy(replay).use(injectLambdaContext(logger))
