/**
 * The DynamoDB Streams API (ListStreams, DescribeStream, GetShardIterator, GetRecords) over the
 * stream store. One shard per stream; it is closed (EndingSequenceNumber) when the stream is disabled.
 */
import type { EngineContext, OperationHandler } from './context.ts'
import { ResourceNotFoundError, ValidationError } from './errors.ts'
import { parseSequence, previousSequence } from './sequence.ts'
import { decodeIterator, encodeIterator } from './shard-iterator.ts'
import type { StreamInfo } from './stream-types.ts'

const MAX_RECORDS = 1000
// GetRecords returns at most 1 MB of data per call.
const MAX_BYTES = 1024 * 1024

function streamOf(ctx: EngineContext, arn: unknown): StreamInfo {
  if (typeof arn !== 'string' || arn.length < 37 || arn.length > 1024) {
    throw new ValidationError(
      "1 validation error detected: Value at 'streamArn' failed to satisfy constraint: Member must have length greater than or equal to 37",
    )
  }
  const info = ctx.streams.byArn(arn)
  if (!info) throw new ResourceNotFoundError(`Requested resource not found: Stream: ${arn} not found`)
  return info
}

function limitOf(value: unknown, max: number, field: string): number {
  if (value === undefined || value === null) return max
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ValidationError(
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    )
  }
  return value
}

const listStreams: OperationHandler = async (ctx, request) => {
  const tableName = typeof request.TableName === 'string' ? request.TableName : undefined
  const limit = limitOf(request.Limit, 100, 'limit')
  let streams = ctx.streams.list(tableName)
  const start = streams.findIndex((s) => s.streamArn === request.ExclusiveStartStreamArn)
  if (start >= 0) streams = streams.slice(start + 1)
  const page = streams.slice(0, limit)
  const last = page.at(-1)
  return {
    Streams: page.map((s) => ({
      StreamArn: s.streamArn,
      TableName: s.tableName,
      StreamLabel: s.streamLabel,
    })),
    ...(streams.length > limit && last ? { LastEvaluatedStreamArn: last.streamArn } : {}),
  }
}

const describeStream: OperationHandler = async (ctx, request) => {
  const info = streamOf(ctx, request.StreamArn)
  const range = {
    StartingSequenceNumber: info.startingSequenceNumber,
    ...(info.endingSequenceNumber ? { EndingSequenceNumber: info.endingSequenceNumber } : {}),
  }
  const shards =
    request.ExclusiveStartShardId === info.shardId
      ? []
      : [{ ShardId: info.shardId, SequenceNumberRange: range }]
  return {
    StreamDescription: {
      StreamArn: info.streamArn,
      StreamLabel: info.streamLabel,
      StreamStatus: info.enabled ? 'ENABLED' : 'DISABLED',
      StreamViewType: info.viewType,
      CreationRequestDateTime: info.createdAtMs / 1000,
      TableName: info.tableName,
      KeySchema: info.keySchema,
      Shards: shards,
    },
  }
}

function startPosition(ctx: EngineContext, info: StreamInfo, type: unknown, sequence: unknown): string {
  if (type === 'TRIM_HORIZON') return previousSequence(info.startingSequenceNumber)
  if (type === 'LATEST') return ctx.streams.lastSequence(info)
  if (type !== 'AT_SEQUENCE_NUMBER' && type !== 'AFTER_SEQUENCE_NUMBER') {
    throw new ValidationError(
      `1 validation error detected: Value '${String(type)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`,
    )
  }
  if (typeof sequence !== 'string')
    throw new ValidationError(`Must specify a sequence number for iterator type ${type}`)
  if (parseSequence(sequence) === undefined) throw new ValidationError(`Invalid SequenceNumber: ${sequence}`)
  return type === 'AT_SEQUENCE_NUMBER' ? previousSequence(sequence) : sequence
}

const getShardIterator: OperationHandler = async (ctx, request) => {
  const info = streamOf(ctx, request.StreamArn)
  if (request.ShardId !== info.shardId)
    throw new ResourceNotFoundError(`Requested resource not found: Shard does not exist`)
  const after = startPosition(ctx, info, request.ShardIteratorType, request.SequenceNumber)
  return { ShardIterator: encodeIterator({ streamArn: info.streamArn, shardId: info.shardId, after }) }
}

const getRecords: OperationHandler = async (ctx, request) => {
  const position = decodeIterator(request.ShardIterator)
  const limit = limitOf(request.Limit, MAX_RECORDS, 'limit')
  const info = streamOf(ctx, position.streamArn)
  const records = await ctx.streams.read(info, position.after, limit)
  let bytes = 0
  const page = records.filter((r, i) => {
    bytes += r.dynamodb.SizeBytes
    return i === 0 || bytes <= MAX_BYTES
  })
  const after = page.at(-1)?.dynamodb.SequenceNumber ?? position.after
  // A closed shard read to its end has no next iterator: that is how readers learn it is done.
  const closed = info.endingSequenceNumber !== undefined && after >= ctx.streams.lastSequence(info)
  return {
    Records: page,
    ...(closed
      ? {}
      : { NextShardIterator: encodeIterator({ streamArn: info.streamArn, shardId: info.shardId, after }) }),
  }
}

/** Handlers for the `DynamoDBStreams_20120810` operations. */
export const streamsOperations: Record<string, OperationHandler> = {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
}
