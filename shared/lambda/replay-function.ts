/**
 * The replay function of a deployment: re-sends stored history to one consumer's queue or to a topic,
 * marked as replays, upcasting through the given registry. Invoked by an operator (console test event,
 * `aws lambda invoke`, or `npm run replay` locally) with the DESIGN.md replay request, and by itself to
 * continue a long job past its timeout.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { SnsTopicPublisher } from '../channels/sns/sns-topic-publisher.ts'
import { SqsQueueSender } from '../channels/sqs/sqs-queue-sender.ts'
import { documentClient } from '../clients/dynamodb.ts'
import { lambdaClient } from '../clients/lambda.ts'
import { snsClient } from '../clients/sns.ts'
import { sqsClient } from '../clients/sqs.ts'
import type { EventRegistry } from '../events/registry.ts'
import { createLogger } from '../observability/logger.ts'
import { loadProjections } from '../projection/config.ts'
import { DynamoDBProjectionStateStore } from '../projection/dynamodb/state-store.ts'
import { handleDeployEvent, isCustomResourceEvent } from '../projection/lambda/deploy-hook.ts'
import { LambdaProjectionApplier } from '../projection/lambda/lambda-projection-applier.ts'
import { finishRebuilds, handleProjectionRequest, type ProjectionStatus } from '../projection/rebuild.ts'
import { isProjectionRequest } from '../projection/rebuild-request.ts'
import { loadReplayConfig } from '../replay/config.ts'
import type { ReplayDeps } from '../replay/deps.ts'
import { DynamoDBReplayJobStore } from '../replay/dynamodb/dynamodb-job-store.ts'
import { handleReplayRequest } from '../replay/handle-request.ts'
import { LambdaContinuation } from '../replay/lambda/lambda-continuation.ts'
import type { ReplayResponse } from '../replay/response.ts'
import { DynamoDBEventStorage } from '../store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../store/event-store.ts'

/**
 * The replay handler for `registry`'s event types (a replay request → the job's status and counts, see
 * `shared/replay/response.ts`). Its config is validated at once: a missing variable fails the cold
 * start, naming it.
 */
export function replayFunction(registry: EventRegistry) {
  const config = loadReplayConfig()
  const projections = loadProjections()
  const logger = createLogger({ serviceName: 'replay' })
  const db = documentClient(config)
  const states = new DynamoDBProjectionStateStore(db)
  const deps: ReplayDeps = {
    events: new EventStore({
      storage: new DynamoDBEventStorage({ client: db, tableName: config.eventsTableName }),
      registry,
    }),
    jobs: new DynamoDBReplayJobStore({ client: db, tableName: config.jobsTableName }),
    registry,
    channels: {
      queue: new SqsQueueSender(sqsClient(config)),
      topic: new SnsTopicPublisher(snsClient(config)),
      projections: new LambdaProjectionApplier(lambdaClient(config), projections),
    },
    topology: config.topology,
    continuation: new LambdaContinuation(lambdaClient(config), config.functionName),
    source: config.eventSource,
    logger,
    // A projection rebuild's job switches readers the moment it completes, in whichever invocation.
    onCompleted: finishRebuilds({ store: states, projections }),
  }

  // A request naming a `projection` manages its versions (`shared/projection/rebuild.ts`); a
  // CloudFormation event is the deploy hook that builds newly declared versions.
  const replay = (event: unknown, context: Context): Promise<ReplayResponse | ProjectionStatus | object> => {
    if (isCustomResourceEvent(event)) {
      const lambda = lambdaClient(config)
      return handleDeployEvent(event, {
        projections,
        states,
        lambda,
        functionName: config.functionName,
        logger,
      })
    }
    const budget = {
      remainingMs: () => context.getRemainingTimeInMillis(),
      marginMs: config.deadlineMarginMs,
    }
    return isProjectionRequest(event)
      ? handleProjectionRequest(event, { store: states, projections, replay: deps }, budget)
      : handleReplayRequest(event, deps, budget)
  }
  return middy(replay).use(injectLambdaContext(logger))
}
