/**
 * The engines' own capacity, measured against the running local stack's engines in the same run:
 * conditional PutItem rate on the embedded DynamoDB, and SNS→SQS publish-and-receive rate on the
 * embedded SNS/SQS (PublishBatch to a topic, a raw-delivery queue drained with ReceiveMessage and
 * DeleteMessageBatch). The figures the end-to-end rate is compared with.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb'
import { CreateTopicCommand, PublishBatchCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns'
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs'
import { CREDENTIALS, REGION } from '../lib/engines.ts'

const config = (endpoint: string) => ({ endpoint, region: REGION, credentials: CREDENTIALS })

/** Runs `workers` loops of `step` until `durationMs` has passed; resolves with completed steps. */
async function closedLoop(workers: number, durationMs: number, step: () => Promise<void>): Promise<number> {
  const deadline = performance.now() + durationMs
  let done = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        await step()
        done++
      }
    }),
  )
  return done
}

/** Conditional PutItem (`attribute_not_exists`) per second, `workers` in parallel. */
export async function putItemRate(endpoint: string, workers: number, durationMs: number): Promise<number> {
  const client = new DynamoDBClient(config(endpoint))
  const TableName = 'bench-capacity'
  try {
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    )
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName })
    const start = performance.now()
    const puts = await closedLoop(workers, durationMs, async () => {
      await client.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: crypto.randomUUID() }, data: { S: 'x'.repeat(300) } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
    })
    return puts / ((performance.now() - start) / 1000)
  } finally {
    client.destroy()
  }
}

/** Messages per second from PublishBatch on a topic to DeleteMessageBatch on its subscribed queue. */
export async function snsToSqsRate(endpoint: string, workers: number, messages: number): Promise<number> {
  const sns = new SNSClient(config(endpoint))
  const sqs = new SQSClient(config(endpoint))
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'bench-capacity' }))
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-capacity' }))
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    )
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    )
    const body = JSON.stringify({ padding: 'x'.repeat(500) })
    const start = performance.now()
    let published = 0
    const publish = async () => {
      while (published < messages) {
        const ids = Array.from({ length: Math.min(10, messages - published) }, (_, i) => String(i))
        published += ids.length
        await sns.send(
          new PublishBatchCommand({
            TopicArn,
            PublishBatchRequestEntries: ids.map((Id) => ({ Id, Message: body })),
          }),
        )
      }
    }
    let received = 0
    const deadline = start + 120_000
    const receive = async () => {
      while (received < messages) {
        if (performance.now() > deadline) throw new Error(`only ${received} of ${messages} messages arrived`)
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        )
        if (Messages.length === 0) continue
        received += Messages.length
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        )
      }
    }
    const half = Math.max(1, Math.floor(workers / 2))
    await Promise.all([...Array.from({ length: half }, publish), ...Array.from({ length: half }, receive)])
    return received / ((performance.now() - start) / 1000)
  } finally {
    sns.destroy()
    sqs.destroy()
  }
}
