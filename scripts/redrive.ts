/**
 * `npm run redrive -- <consumer>`: moves a consumer's DLQ messages back to its queue on the local
 * stack (`npm start` must be running). On AWS, invoke the redrive function instead.
 */
import { SQSClient } from '@aws-sdk/client-sqs'
import { LOCAL_REGION, localClientConfig } from '../infra/local/clients.ts'
import { declaredBackbone as backbone } from '../infra/local/declaration.ts'
import { localPorts } from '../infra/local/settings.ts'
import { redriveConsumer } from '../shared/redrive/redrive.ts'
import { consumerQueueNames, resolveConsumerQueues } from './lib/resolve-queues.ts'

const name = process.argv[2]
const consumer = name === undefined ? undefined : backbone.consumers.find((c) => c.name === name)
if (consumer === undefined) {
  const known = backbone.consumers.map((c) => c.name).join(', ')
  console.error(
    `${name === undefined ? 'No consumer given' : `Unknown consumer "${name}"`}. Consumers: ${known}`,
  )
  console.error('Usage: npm run redrive -- <consumer>')
  process.exit(1)
}

const endpoint = `http://127.0.0.1:${localPorts().aws}`
const sqs = new SQSClient(localClientConfig(endpoint, process.env.AWS_REGION ?? LOCAL_REGION))
const names = consumerQueueNames(
  consumer.name,
  backbone.topics.find((t) => t.name === consumer.topic)?.fifo ?? false,
)
try {
  const queues = await resolveConsumerQueues(sqs, names)
  const { moved, failed } = await redriveConsumer(sqs, queues)
  console.log(`Moved ${moved} message(s) from ${names.dlq} to ${names.queue}`)
  if (failed) console.error(`${failed} message(s) could not be moved; they stay in ${names.dlq}`)
  process.exitCode = failed ? 1 : 0
} catch (error) {
  console.error(`Redrive of ${consumer.name} failed on ${endpoint}: ${(error as Error).message}`)
  console.error('Is the local stack running (npm start)?')
  process.exitCode = 1
} finally {
  sqs.destroy()
}
