/**
 * The example declaration's deployed topology with made-up addresses, for tests of the functions'
 * logic (replay's targets and filters) that need one without deploying anything.
 */
import { backbone } from '../../functions/backbone.ts'
import { type DeployedTopology, deployedTopologyOf } from '../../shared/topology/deployed.ts'

const account = 'us-east-1:000000000000'

/** Topics `arn:aws:sns:…:<name>`, queues at `queueUrls[consumer]` (default `https://sqs.local/<consumer>`). */
export function exampleTopology(queueUrls: Record<string, string> = {}): DeployedTopology {
  const topicArns = Object.fromEntries(
    backbone.topics.map((t) => [t.name, `arn:aws:sns:${account}:${t.name}`]),
  )
  const queues = Object.fromEntries(
    backbone.consumers.map((c) => {
      const queueUrl = queueUrls[c.name] ?? `https://sqs.local/${c.name}`
      return [
        c.name,
        {
          queueUrl,
          queueArn: `arn:aws:sqs:${account}:${c.name}`,
          dlqUrl: `${queueUrl}-dlq`,
          dlqArn: `arn:aws:sqs:${account}:${c.name}-dlq`,
        },
      ]
    }),
  )
  return deployedTopologyOf(backbone, topicArns, queues)
}
