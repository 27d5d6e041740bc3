/**
 * Turns records as the DynamoDB Streams SDK client returns them into the records Lambda delivers:
 * binary values back to base64 strings, ApproximateCreationDateTime back to epoch seconds, plus
 * `eventSourceARN`.
 */
import type { AttributeValue, _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBRecord } from 'aws-lambda'

type JsonAttribute = Record<string, unknown>

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')

function toJsonAttribute(value: AttributeValue): JsonAttribute {
  if (value.B !== undefined) return { B: base64(value.B) }
  if (value.BS !== undefined) return { BS: value.BS.map(base64) }
  if (value.L !== undefined) return { L: value.L.map(toJsonAttribute) }
  if (value.M !== undefined) return { M: toJsonImage(value.M) }
  const { $unknown: _, ...rest } = value as AttributeValue & { $unknown?: unknown }
  return rest
}

function toJsonImage(image: Record<string, AttributeValue>): Record<string, JsonAttribute> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toJsonAttribute(value)]))
}

/** One Lambda event record from one SDK stream record. */
export function toLambdaRecord(record: SdkRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {}
  const created = d.ApproximateCreationDateTime
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: created.getTime() / 1000 } : {}),
      ...(d.Keys ? { Keys: toJsonImage(d.Keys) } : {}),
      ...(d.NewImage ? { NewImage: toJsonImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toJsonImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: streamArn,
  } as DynamoDBRecord
}
