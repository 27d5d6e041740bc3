/** Shapes shared by the stream store, the write path and the Streams API. */
import type { Item } from './dynalite-internals.ts'

/** What a table's stream carries (StreamSpecification.StreamViewType). */
export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number]

/** One stream of one table; a table gets a new stream (new label) each time streams are enabled. */
export interface StreamInfo {
  tableName: string
  streamArn: string
  streamLabel: string
  viewType: StreamViewType
  /** Attribute names of the table's key, in KeySchema order (HASH first). */
  keySchema: { AttributeName: string; KeyType: string }[]
  enabled: boolean
  createdAtMs: number
  /** One shard per stream: a local engine has no partitions to split. */
  shardId: string
  startingSequenceNumber: string
  /** Set when the stream is disabled: the shard is closed at this number. */
  endingSequenceNumber?: string
}

/** A stream record as DynamoDB Streams' GetRecords returns it. */
export interface StreamRecord {
  eventID: string
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  eventVersion: '1.1'
  eventSource: 'aws:dynamodb'
  awsRegion: string
  dynamodb: {
    ApproximateCreationDateTime: number
    Keys: Item
    NewImage?: Item
    OldImage?: Item
    SequenceNumber: string
    SizeBytes: number
    StreamViewType: StreamViewType
  }
}
