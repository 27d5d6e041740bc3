/**
 * The Dead letters page: per consumer, what its DLQ holds, with each message's `failure-type` and
 * `failure-reason`. Messages are peeked: received (hidden for a moment, so each receive brings others),
 * then made visible again at once, so reading never keeps them from a redrive. A DLQ has no redrive
 * policy of its own, so the receive count this adds does not matter.
 */
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs'
import { queueCounts } from '../pollers/queue-counts.ts'
import type { StudioSources } from './sources.ts'

/** Receives per DLQ per page view: up to 30 messages shown, which is what a person reads anyway. */
const PEEK_RECEIVES = 3
/** Seconds a peeked message is hidden at most, should the call making it visible again fail. */
const PEEK_HIDE_SECONDS = 5

type Peeked = {
  messageId: string
  failureType?: string
  failureReason?: string
  body: string
  sentAt?: string
}

/** Makes the peeked messages visible again (10 per call, SQS's batch limit). */
async function release(s: StudioSources, queueUrl: string, handles: string[]) {
  for (let i = 0; i < handles.length; i += 10) {
    const entries = handles
      .slice(i, i + 10)
      .map((h, n) => ({ Id: String(n), ReceiptHandle: h, VisibilityTimeout: 0 }))
    await s.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }))
  }
}

async function peek(s: StudioSources, queueUrl: string) {
  const seen = new Map<string, Peeked>()
  const handles: string[] = []
  for (let i = 0; i < PEEK_RECEIVES; i++) {
    const { Messages = [] } = await s.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: PEEK_HIDE_SECONDS,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    )
    for (const m of Messages) {
      if (m.ReceiptHandle) handles.push(m.ReceiptHandle)
      if (!m.MessageId || seen.has(m.MessageId)) continue
      const attrs = m.MessageAttributes ?? {}
      const sent = m.Attributes?.SentTimestamp
      seen.set(m.MessageId, {
        messageId: m.MessageId,
        body: m.Body ?? '',
        ...(attrs['failure-type']?.StringValue ? { failureType: attrs['failure-type'].StringValue } : {}),
        ...(attrs['failure-reason']?.StringValue
          ? { failureReason: attrs['failure-reason'].StringValue }
          : {}),
        ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
      })
    }
    if (Messages.length === 0) break
  }
  await release(s, queueUrl, handles)
  return [...seen.values()]
}

export async function deadLetters(s: StudioSources) {
  return Promise.all(
    Object.entries(s.resources.consumerQueues).map(async ([consumer, q]) => ({
      consumer,
      depth: await queueCounts(s.sqs, q.dlqUrl),
      messages: await peek(s, q.dlqUrl),
    })),
  )
}
