import { randomUUID } from 'node:crypto'
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs'
import { chunkBySize } from '../channels/chunk.ts'
import { ChannelLimits } from '../channels/limits.ts'
import type { ConsumerQueues, RedriveResult, SqsSend } from './types.ts'

/** Keeps received messages hidden while they are copied, so no other reader moves them twice. */
const VISIBILITY_SECONDS = 60

// A received attribute also carries empty list fields and MD5s; send back only the value itself.
const copyAttributes = (attributes: Record<string, MessageAttributeValue> | undefined) =>
  Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, v]) => [
      name,
      { DataType: v.DataType, StringValue: v.StringValue, BinaryValue: v.BinaryValue },
    ]),
  )

const toEntry = (message: Message, index: number, fifo: boolean): SendMessageBatchRequestEntry => ({
  Id: String(index),
  MessageBody: message.Body ?? '',
  MessageAttributes: copyAttributes(message.MessageAttributes),
  ...(fifo
    ? {
        MessageGroupId: message.Attributes?.MessageGroupId,
        // Not the original id: the source queue saw it when the message first arrived, and within
        // the 5-minute deduplication window SQS would silently drop the redriven copy.
        MessageDeduplicationId: randomUUID(),
      }
    : {}),
})

async function approximateCount(sqs: SqsSend, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  )
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0)
}

// Body plus attribute names, types and values: what SQS counts against the 256 KiB request limit.
const sizeOf = (entry: SendMessageBatchRequestEntry): number =>
  Buffer.byteLength(entry.MessageBody ?? '') +
  Object.entries(entry.MessageAttributes ?? {}).reduce(
    (sum, [name, v]) =>
      sum +
      Buffer.byteLength(name) +
      Buffer.byteLength(v.DataType ?? '') +
      Buffer.byteLength(v.StringValue ?? '') +
      (v.BinaryValue?.byteLength ?? 0),
    0,
  )

/** Sends the copies in calls within SendMessageBatch's limits; returns the ids SQS accepted. */
async function sendCopies(sqs: SqsSend, queueUrl: string, entries: SendMessageBatchRequestEntry[]) {
  const limits = { maxEntries: ChannelLimits.maxBatchEntries, maxBytes: ChannelLimits.maxBatchBytes }
  const { chunks } = chunkBySize(entries.map(sizeOf), limits)
  const accepted: string[] = []
  for (const chunk of chunks) {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((i) => entries[i] as SendMessageBatchRequestEntry),
      }),
    )
    for (const s of out.Successful ?? []) if (s.Id) accepted.push(s.Id)
  }
  return accepted
}

/** Moves one received page: send the copies, then delete only the originals that were copied. */
async function movePage(sqs: SqsSend, queues: ConsumerQueues, messages: Message[]) {
  const fifo = queues.queueUrl.endsWith('.fifo')
  const accepted = await sendCopies(
    sqs,
    queues.queueUrl,
    messages.map((m, i) => toEntry(m, i, fifo)),
  )
  const copied = accepted.flatMap((id) => {
    const handle = messages[Number(id)]?.ReceiptHandle
    return handle ? [{ Id: id, ReceiptHandle: handle }] : []
  })
  if (copied.length === 0) return { moved: 0, failed: messages.length }
  const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queues.dlqUrl, Entries: copied }))
  // A copy whose original could not be deleted reappears in the DLQ later: a duplicate, never a loss.
  const moved = deleted.Successful?.length ?? 0
  return { moved, failed: messages.length - moved }
}

/**
 * Redrives by hand: receive from the DLQ, SendMessageBatch to the source queue with the same body,
 * message attributes and FIFO group, then DeleteMessageBatch. For SQS emulators without
 * StartMessageMoveTask (fauxqs 2.4). Stops when the DLQ reads empty or when it has handled as many
 * messages as the DLQ held at the start (so messages failing again meanwhile are not cycled forever).
 */
export async function redriveByReceive(sqs: SqsSend, queues: ConsumerQueues): Promise<RedriveResult> {
  const target = await approximateCount(sqs, queues.dlqUrl)
  let moved = 0
  let failed = 0
  while (moved + failed < target) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.dlqUrl,
        MaxNumberOfMessages: Math.min(10, target - moved - failed),
        WaitTimeSeconds: 1,
        VisibilityTimeout: VISIBILITY_SECONDS,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    )
    if (!Messages || Messages.length === 0) break
    const page = await movePage(sqs, queues, Messages)
    moved += page.moved
    failed += page.failed
  }
  return { moved, status: 'COMPLETED', strategy: 'receive-send-delete', ...(failed > 0 ? { failed } : {}) }
}
