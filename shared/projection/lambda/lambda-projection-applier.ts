/**
 * A rebuild's target: the projection's own consumer function, invoked synchronously with an SQS-shaped
 * batch whose records name the version they are for (`projectionversion`). Invoked rather than sent
 * to its queue so the same consumer code applies history, and so that a completed replay job means
 * every event has been applied, not merely queued: readers can switch the moment the job completes.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda'
import type { OutboundEnvelope, SendResult } from '../../channels/ports.ts'
import type { ProjectionApplier } from '../../replay/target.ts'
import type { DeployedProjection } from '../config.ts'

const stringAttribute = (value: string) => ({ stringValue: value, dataType: 'String' })

/** The SQS record of `envelope` for `version`, as the event source mapping would deliver it. */
function record(
  envelope: OutboundEnvelope,
  version: number,
  index: number,
  now: string,
  ordered: boolean,
): SQSRecord {
  return {
    messageId: `rebuild-${index}-${envelope.id}`,
    receiptHandle: '',
    body: JSON.stringify(envelope),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'projection-rebuild',
      ApproximateFirstReceiveTimestamp: now,
      // A FIFO consumer runs a batch in order, per message group (= stream), as from its queue.
      ...(ordered ? { MessageGroupId: envelope.subject, MessageDeduplicationId: envelope.id } : {}),
    },
    messageAttributes: {
      type: stringAttribute(envelope.type),
      subject: stringAttribute(envelope.subject),
      schemaversion: stringAttribute(String(envelope.schemaversion)),
      replay: stringAttribute('true'),
      projectionversion: stringAttribute(String(version)),
    },
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'projection-rebuild',
    awsRegion: '',
  }
}

/** {@link ProjectionApplier} through Lambda's Invoke API. */
export class LambdaProjectionApplier implements ProjectionApplier {
  readonly #client: LambdaClient
  readonly #projections: Readonly<Record<string, DeployedProjection>>

  constructor(client: LambdaClient, projections: Readonly<Record<string, DeployedProjection>>) {
    this.#client = client
    this.#projections = projections
  }

  /** Never throws for a failed invocation: every envelope is then reported failed, and retried. */
  async apply(
    consumer: string,
    version: number,
    envelopes: readonly OutboundEnvelope[],
    ordered: boolean,
  ): Promise<SendResult> {
    const target = Object.hasOwn(this.#projections, consumer) ? this.#projections[consumer] : undefined
    const failAll = (code: string, message: string): SendResult => ({
      failed: envelopes.map((e, index) => ({ id: e.id, index, code, message })),
    })
    if (target === undefined) return failAll('NotAProjection', `${consumer} is not a projection`)
    const now = String(Date.now())
    const Records = envelopes.map((e, i) => record(e, version, i, now, ordered))
    try {
      const out = await this.#client.send(
        new InvokeCommand({
          FunctionName: target.functionName,
          Payload: Buffer.from(JSON.stringify({ Records })),
        }),
      )
      const text = Buffer.from(out.Payload ?? []).toString('utf8')
      if (out.FunctionError) return failAll('FunctionError', text.slice(0, 500))
      const failedIds = new Set(
        ((JSON.parse(text || '{}') as SQSBatchResponse).batchItemFailures ?? []).map((f) => f.itemIdentifier),
      )
      return {
        failed: Records.flatMap((r, index) =>
          failedIds.has(r.messageId)
            ? [
                {
                  id: envelopes[index]?.id ?? '',
                  index,
                  code: 'RecordFailed',
                  message: 'the consumer failed it',
                },
              ]
            : [],
        ),
      }
    } catch (error) {
      return failAll((error as Error).name ?? 'Error', (error as Error).message)
    }
  }
}
