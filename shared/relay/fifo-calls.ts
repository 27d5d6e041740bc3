/**
 * Plans the PublishBatch calls to a FIFO topic so that no stream's later event can overtake an
 * earlier one: every call carries at most one event per stream (message group), and a stream whose
 * event failed sends nothing more in this attempt (Lambda retries the batch from that event).
 *
 * Why one per group per call rather than 10 per call stopping a group at its first failure: SNS
 * reports each entry of a call on its own and does not document that a failed entry fails the later
 * entries of its group in the same call, so one call could publish v2 after rejecting v1. Measured on
 * 100-record batches (`test/unit/relay-fifo-order.test.ts`): 100 streams × 1 event, 50 × 2 and 10 × 10
 * cost 10 calls either way; 5 × 20 costs 20 against 10, and 1 × 100 costs 100 against 10. The extra
 * calls only come with more than 10 events of one stream in one stream batch (a burst on one order).
 */
import { ChannelLimits } from '../channels/limits.ts'

/** One entry waiting to be published, with the stream (message group) it belongs to. */
export interface GroupedEntry {
  group: string
}

/**
 * Sends `entries` (in stream order) through `send`, one call per returned plan: each call takes the
 * next event of up to 10 streams, the streams with most events left first (fewest calls overall).
 * `send` resolves with the positions (in its argument) that failed. Returns the positions of
 * `entries` never attempted because an earlier event of their stream failed.
 */
export async function publishOnePerGroup<E extends GroupedEntry>(
  entries: readonly E[],
  send: (call: E[]) => Promise<ReadonlySet<number>>,
): Promise<number[]> {
  const queues = new Map<string, number[]>()
  entries.forEach((entry, position) => {
    const queue = queues.get(entry.group)
    if (queue) queue.push(position)
    else queues.set(entry.group, [position])
  })
  const notAttempted: number[] = []
  while (queues.size > 0) {
    const groups = [...queues.entries()]
      .sort(([, a], [, b]) => b.length - a.length)
      .slice(0, ChannelLimits.maxBatchEntries)
    const positions = groups.map(([, queue]) => queue.shift() as number)
    const failed = await send(positions.map((p) => entries[p] as E))
    groups.forEach(([group, queue], i) => {
      if (failed.has(i)) {
        notAttempted.push(...queue)
        queues.delete(group)
      } else if (queue.length === 0) queues.delete(group)
    })
  }
  return notAttempted.sort((a, b) => a - b)
}
