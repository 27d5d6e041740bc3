import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SNSClient } from '@aws-sdk/client-sns'
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs'
import { localClientConfig as clientConfig } from '../../infra/local/clients.ts'
import { type SnsSqsEngine, startSnsSqs } from '../../infra/local/engines/sns-sqs.ts'

/** The engine on a random port with SDK clients pointed at it. */
export interface TestSnsSqs {
  engine: SnsSqsEngine
  sns: SNSClient
  sqs: SQSClient
  /** Stops the clients and the engine; removes the data folder when the helper created it. */
  stop(): Promise<void>
}

/** Real SNSClient and SQSClient for an engine endpoint. */
export function snsSqsClients(endpoint: string): { sns: SNSClient; sqs: SQSClient } {
  return { sns: new SNSClient(clientConfig(endpoint)), sqs: new SQSClient(clientConfig(endpoint)) }
}

/**
 * Starts the SNS/SQS engine on port 0. With `dataDir` the caller owns that folder (to test restarts);
 * without it the engine persists to a fresh temp folder that `stop()` removes.
 */
export async function startTestSnsSqs(opts: { dataDir?: string } = {}): Promise<TestSnsSqs> {
  const ownDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'sns-sqs-')))
  const engine = await startSnsSqs({ port: 0, dataDir })
  const { sns, sqs } = snsSqsClients(engine.endpoint)
  return {
    engine,
    sns,
    sqs,
    async stop() {
      sns.destroy()
      sqs.destroy()
      await engine.stop()
      if (ownDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A queue and its ARN. */
export interface TestQueue {
  url: string
  arn: string
}

/** Creates a queue (attributes as SQS takes them) and returns its URL and ARN. */
export async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string> = {},
): Promise<TestQueue> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))
  if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${name}`)
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  )
  const arn = Attributes?.QueueArn
  if (!arn) throw new Error(`GetQueueAttributes returned no QueueArn for ${name}`)
  return { url: QueueUrl, arn }
}

/** Creates `<name>-dlq` and `<name>` redriving to it after `maxReceiveCount` receives. */
export async function createQueueWithDlq(
  sqs: SQSClient,
  name: string,
  opts: { maxReceiveCount: number; visibilityTimeout: number },
): Promise<{ queue: TestQueue; dlq: TestQueue }> {
  const dlq = await createQueue(sqs, `${name}-dlq`)
  const queue = await createQueue(sqs, name, {
    VisibilityTimeout: String(opts.visibilityTimeout),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: opts.maxReceiveCount }),
  })
  return { queue, dlq }
}

/** Sends each body as its own message, in order (SendMessageBatch in chunks of 10). */
export async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: readonly string[]): Promise<void> {
  for (let start = 0; start < bodies.length; start += 10) {
    const chunk = bodies.slice(start, start + 10)
    const { Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    )
    if (Failed.length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(Failed)}`)
  }
}

/**
 * Receives every message of a queue until a receive comes back empty. Received messages stay hidden
 * for 30 s, so none is counted twice; with `delete`, each batch is deleted, which also releases a
 * FIFO message group so its next message can be received.
 */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  opts: { delete: boolean } = { delete: false },
): Promise<Message[]> {
  const got: Message[] = []
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 30,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    )
    if (Messages.length === 0) return got
    got.push(...Messages)
    if (!opts.delete) continue
    for (const { ReceiptHandle } of Messages)
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle }))
  }
}
