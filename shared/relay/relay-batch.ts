import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda'
import { isFifo } from '../channels/attributes.ts'
import { ChannelFailureCode } from '../channels/limits.ts'
import type { FailedEntry, OutboundEnvelope, TopicPublisher } from '../channels/ports.ts'
import { toCloudEvent } from '../events/envelope.ts'
import { MalformedStreamRecordError, RelayError } from './errors.ts'
import { publishOnePerGroup } from './fifo-calls.ts'
import { type ClassifiedRecord, classifyRecord } from './stream-record.ts'

/** What the relay needs: where to publish, and how to name the source of the envelopes. */
export interface RelayDeps {
  publisher: TopicPublisher
  /** Topic ARN of an event type (`topicFor(type)` resolved through the configured ARNs). */
  topicArnFor: (type: string) => string
  /** CloudEvents `source`. */
  source: string
}

/** A record that was not published, with the reason. */
export interface RelayFailure {
  sequenceNumber: string | undefined
  eventId?: string
  code: string
  message: string
}

/** Outcome of one stream batch: the Lambda response plus counts for logs and metrics. */
export interface RelayOutcome {
  response: DynamoDBBatchResponse
  published: number
  skipped: number
  failures: RelayFailure[]
}

interface Pending {
  position: number
  sequenceNumber: string
  envelope: OutboundEnvelope
}

/**
 * Publishes every new event of a DynamoDB stream batch to its topic (PublishBatch, grouped by topic)
 * and reports the earliest failed record. Lambda retries a stream batch from the lowest reported
 * sequence number, so every record after the first failure is published again: consumers see events
 * at least once and deduplicate by event id.
 *
 * @example
 * const { response } = await relayBatch(event.Records, { publisher, topicArnFor, source })
 */
export async function relayBatch(records: readonly DynamoDBRecord[], deps: RelayDeps): Promise<RelayOutcome> {
  const failures: Array<RelayFailure & { position: number }> = []
  const byTopic = new Map<string, Pending[]>()
  let skipped = 0
  for (const [position, record] of records.entries()) {
    const classified = classify(record)
    if (classified instanceof MalformedStreamRecordError) {
      failures.push({
        position,
        sequenceNumber: classified.sequenceNumber,
        code: classified.name,
        message: classified.message,
      })
      // Everything from here on is retried anyway: publishing it now would only add duplicates.
      break
    }
    if (classified.kind === 'skip') {
      skipped++
      continue
    }
    const { event, sequenceNumber } = classified
    const topicArn = deps.topicArnFor(event.type)
    const envelope = toCloudEvent(event, { source: deps.source })
    const group = byTopic.get(topicArn)
    const item = { position, sequenceNumber, envelope }
    // Pushed in place: copying the group per record made a batch quadratic (stream batches reach 10,000).
    if (group) group.push(item)
    else byTopic.set(topicArn, [item])
  }
  const published = await publishGroups(byTopic, deps.publisher, failures)
  failures.sort((a, b) => a.position - b.position)
  const first = failures[0]
  if (first && first.sequenceNumber === undefined) {
    // A failure Lambda cannot be told about: fail the whole invocation so the batch is retried (and
    // bisected down to the bad record) rather than silently checkpointed past it.
    throw new RelayError(`Cannot report a failed record without a sequence number: ${first.message}`)
  }
  return {
    response: { batchItemFailures: first?.sequenceNumber ? [{ itemIdentifier: first.sequenceNumber }] : [] },
    published,
    skipped,
    failures: failures.map(({ position: _, ...f }) => f),
  }
}

function classify(record: DynamoDBRecord): ClassifiedRecord | MalformedStreamRecordError {
  try {
    return classifyRecord(record)
  } catch (error) {
    if (error instanceof MalformedStreamRecordError) return error
    throw error
  }
}

/** Publishes each topic's envelopes (topics in parallel); pushes failures, returns the count published. */
async function publishGroups(
  byTopic: Map<string, Pending[]>,
  publisher: TopicPublisher,
  failures: Array<RelayFailure & { position: number }>,
): Promise<number> {
  let published = 0
  const fail = (p: Pending, f: Pick<FailedEntry, 'code' | 'message'>) =>
    failures.push({
      position: p.position,
      sequenceNumber: p.sequenceNumber,
      eventId: p.envelope.id,
      code: f.code,
      message: f.message,
    })
  /** One publish; fails its rejected entries and returns their positions in `pending`. */
  const publish = async (topicArn: string, pending: Pending[]): Promise<Set<number>> => {
    const { failed } = await publisher.publishBatch(
      topicArn,
      pending.map((p) => p.envelope),
    )
    published += pending.length - failed.length
    for (const f of failed) fail(pending[f.index] as Pending, f)
    return new Set(failed.map((f) => f.index))
  }
  await Promise.all(
    [...byTopic].map(async ([topicArn, pending]) => {
      if (!isFifo(topicArn)) {
        await publish(topicArn, pending)
        return
      }
      const grouped = pending.map((p) => ({ ...p, group: p.envelope.subject }))
      const held = await publishOnePerGroup(grouped, (call) => publish(topicArn, call))
      for (const index of held) {
        const p = pending[index] as Pending
        fail(p, {
          code: ChannelFailureCode.NotAttempted,
          message: 'Not sent: an earlier event of its stream failed, and it must not overtake it',
        })
      }
    }),
  )
  return published
}
