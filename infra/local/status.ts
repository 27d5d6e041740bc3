/**
 * `GET /_local/status`: per function, invocations and errors; per SQS event source, the visible and
 * in-flight counts of its queue and of its DLQ — what an operator checks to see the consumers drained.
 */
import type { SQSClient } from '@aws-sdk/client-sqs'
import type { LambdaHost } from './lambda/host.ts'
import { queueCounts } from './pollers/queue-counts.ts'
import type { FanoutResources } from './resources/fanout.ts'

export async function localStatus(lambda: LambdaHost, sqs: SQSClient, resources: FanoutResources) {
  const functions = Object.fromEntries(
    Object.entries(lambda.stats()).map(([name, s]) => [
      name,
      { invocations: s.invocations, errors: s.errors },
    ]),
  )
  const eventSources = Object.fromEntries(
    await Promise.all(
      Object.entries(resources.consumerQueues).map(async ([name, q]) => {
        const [queue, dlq] = await Promise.all([queueCounts(sqs, q.queueUrl), queueCounts(sqs, q.dlqUrl)])
        return [name, { function: name, queue, dlq }] as const
      }),
    ),
  )
  const relayFailures = await queueCounts(sqs, resources.relayFailures.queueUrl)
  return { functions, eventSources, relayFailures }
}
