/**
 * A consumer function for the end-to-end bench: runs the real consumer module named by
 * `CONSUMER_NAME` (which the local runtime sets) and, after each invocation, tells the bench which
 * event ids it completed and when. A BroadcastChannel reaches the bench's main thread from the
 * local Lambda host's worker threads without touching the function's own code or environment.
 */
import { BroadcastChannel } from 'node:worker_threads'
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda'
import { COMPLETIONS_CHANNEL, type Completion } from './completions.ts'

type ConsumerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>

const consumer = process.env.CONSUMER_NAME ?? ''
const inner = ((await import(`../../functions/consumers/${consumer}.ts`)) as { handler: ConsumerHandler })
  .handler
const channel = new BroadcastChannel(COMPLETIONS_CHANNEL)
// The channel must not keep the worker alive when the host stops it.
channel.unref()

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const response = await inner(event, context)
  const at = performance.timeOrigin + performance.now()
  const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier))
  const eventIds = event.Records.filter((r) => !failed.has(r.messageId)).map(
    (r) => (JSON.parse(r.body) as { id: string }).id,
  )
  channel.postMessage({ consumer, at, eventIds } satisfies Completion)
  return response
}
