/**
 * The Dead letters page: per consumer, what its DLQ holds, with each message's `failure-type` and
 * `failure-reason`. Messages are peeked with a zero visibility timeout, so reading never hides them
 * from a redrive (a DLQ has no redrive policy of its own, so the receive count does not matter).
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs'
import { queueCounts } from '../pollers/queue-counts.ts'
import type { StudioSources } from './sources.ts'

/** Receives per DLQ per page view: up to 30 messages shown, which is what a person reads anyway. */
const PEEK_RECEIVES = 3

async function peek(s: StudioSources, queueUrl: string) {
  const seen = new Map<
    string,
    { messageId: string; failureType?: string; failureReason?: string; body: string; sentAt?: string }
  >()
  for (let i = 0; i < PEEK_RECEIVES; i++) {
    const { Messages = [] } = await s.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    )
    for (const m of Messages) {
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
