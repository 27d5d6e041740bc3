import type { OutboundEnvelope, QueueSender, SendOptions, SendResult, TopicPublisher } from '../ports.ts'
import { sendInBatches } from '../send-in-batches.ts'

/**
 * In-memory {@link TopicPublisher} and {@link QueueSender} for fast domain tests: chunks exactly like
 * the AWS adapters, records every call and envelope, and fails every entry sent to a target listed in
 * `failing` (as SNS does for a topic that does not exist).
 */
export class InMemoryChannel implements TopicPublisher, QueueSender {
  /** Accepted envelopes, in send order, with their topic ARN or queue URL. */
  readonly sent: Array<{
    target: string
    envelope: OutboundEnvelope & Record<string, unknown>
    /** FIFO targets only: the message group and deduplication ids AWS would get. */
    fifo?: { MessageGroupId: string; MessageDeduplicationId: string }
  }> = []
  /** Entries per batch call, in call order. */
  readonly calls: Array<{ target: string; entries: number }> = []
  /** Targets whose every entry fails with code `NotFound`. */
  readonly failing = new Set<string>()
  /** Fails single entries, as SNS and SQS may fail some entries of a call and accept the others. */
  rejectEntry: (envelope: OutboundEnvelope & Record<string, unknown>) => boolean = () => false

  publishBatch(
    topicArn: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult> {
    return this.#send(topicArn, envelopes, options)
  }

  sendBatch(
    queueUrl: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult> {
    return this.#send(queueUrl, envelopes, options)
  }

  #send(target: string, envelopes: readonly OutboundEnvelope[], options?: SendOptions): Promise<SendResult> {
    return sendInBatches(
      target,
      envelopes,
      async (entries) => {
        this.calls.push({ target, entries: entries.length })
        if (this.failing.has(target)) {
          return {
            successfulIds: [],
            failed: entries.map((e) => ({ Id: e.Id, Code: 'NotFound', Message: target })),
          }
        }
        const successfulIds: string[] = []
        const failed: Array<{ Id: string; Code: string; Message: string }> = []
        for (const entry of entries) {
          const envelope = JSON.parse(entry.body)
          if (this.rejectEntry(envelope)) {
            failed.push({ Id: entry.Id, Code: 'InternalError', Message: 'rejected by the test' })
            continue
          }
          this.sent.push({ target, envelope, ...(entry.fifo ? { fifo: entry.fifo } : {}) })
          successfulIds.push(entry.Id)
        }
        return { successfulIds, failed }
      },
      options,
    )
  }
}
