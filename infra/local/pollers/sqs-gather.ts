import { setTimeout as sleep } from 'node:timers/promises'
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'

/** How one batch is gathered. */
export interface GatherOptions {
  sqs: SQSClient
  queueUrl: string
  batchSize: number
  /** Batching window in ms; 0 invokes with what the first receive returned. */
  windowMs: number
  /** True once the mapping is stopping: gathering ends early with what it holds. */
  stopping(): boolean
  /** Told about a receive error that ended gathering early. */
  warn(message: string, details: Record<string, unknown>): void
}

/** SQS returns at most 10 messages per ReceiveMessage. */
const RECEIVE_LIMIT = 10
/** Long polls are short so that stop() never waits long; fauxqs answers as soon as a message arrives. */
const LONG_POLL_SECONDS = 1
/** Pause between short polls when less than a second of the window remains. */
const SHORT_POLL_PAUSE_MS = 100

const receive = (opts: GatherOptions, max: number, waitSeconds: number) =>
  opts.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: opts.queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  )

/**
 * Gathers up to `batchSize` messages, like Lambda's pollers: the batch goes out when it is full or
 * when the batching window, which opens with the first message, closes. Returns `[]` after one idle
 * long poll so the caller can check for stop. A receive error with messages in hand ends gathering
 * (the messages are already in flight and must be handed on); without any, it is thrown.
 */
export async function gatherBatch(opts: GatherOptions): Promise<Message[]> {
  const batch: Message[] = []
  let closesAt: number | undefined
  while (batch.length < opts.batchSize && !opts.stopping()) {
    const remainingMs = closesAt === undefined ? Number.POSITIVE_INFINITY : closesAt - Date.now()
    if (remainingMs <= 0) break
    const waitSeconds = Math.min(LONG_POLL_SECONDS, Math.floor(remainingMs / 1000))
    let received: Message[]
    try {
      received =
        (await receive(opts, Math.min(RECEIVE_LIMIT, opts.batchSize - batch.length), waitSeconds)).Messages ??
        []
    } catch (error) {
      if (batch.length === 0) throw error
      opts.warn('receive failed while gathering; invoking with the messages in hand', {
        error,
        held: batch.length,
      })
      break
    }
    batch.push(...received)
    if (batch.length === 0) return batch
    if (opts.windowMs === 0) break
    closesAt ??= Date.now() + opts.windowMs
    if (received.length === 0 && waitSeconds === 0) await sleep(Math.min(SHORT_POLL_PAUSE_MS, remainingMs))
  }
  return batch
}
