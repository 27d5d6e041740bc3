/**
 * Turns the item writes of one request into stream records and commits both in one batch.
 * Old images are read from LevelDB before the batch lands (the captured writes are not visible yet),
 * new images are the values being written.
 */
import { randomUUID } from 'node:crypto'
import { type BatchOp, dynaliteDb, type Item } from './dynalite-internals.ts'
import type { StreamStore } from './stream-store.ts'
import type { StreamInfo, StreamRecord } from './stream-types.ts'
import type { WriteCapture } from './write-capture.ts'

const ITEM_PREFIX = 'item-'

/** Builds one record; undefined when nothing existed before or after (a delete of a missing item). */
export function buildRecord(
  info: StreamInfo,
  region: string,
  sequenceNumber: string,
  oldImage: Item | undefined,
  newImage: Item | undefined,
): StreamRecord | undefined {
  const image = newImage ?? oldImage
  if (!image) return undefined
  const Keys: Item = {}
  for (const { AttributeName } of info.keySchema) {
    const value = image[AttributeName]
    if (value) Keys[AttributeName] = value
  }
  const withNew = info.viewType === 'NEW_IMAGE' || info.viewType === 'NEW_AND_OLD_IMAGES'
  const withOld = info.viewType === 'OLD_IMAGE' || info.viewType === 'NEW_AND_OLD_IMAGES'
  const NewImage = withNew ? newImage : undefined
  const OldImage = withOld ? oldImage : undefined
  const size = (item: Item | undefined) => (item ? dynaliteDb.itemSize(item) : 0)
  return {
    eventID: randomUUID().replaceAll('-', ''),
    // A put that changes nothing is still a MODIFY, as on AWS.
    eventName: !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys,
      ...(NewImage ? { NewImage } : {}),
      ...(OldImage ? { OldImage } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: size(Keys) + size(NewImage) + size(OldImage),
      StreamViewType: info.viewType,
    },
  }
}

/** Commits captured writes plus the stream records they produce, atomically. */
export async function commitWithRecords(
  capture: WriteCapture,
  streams: StreamStore,
  region: string,
  ops: BatchOp[],
  reads: Map<string, unknown> = new Map(),
): Promise<void> {
  if (ops.length === 0) return
  // The last write to a key is its final state (LevelDB applies a batch in order).
  const finalByKey = new Map<string, BatchOp>()
  for (const op of ops) {
    if (!op.key.startsWith(ITEM_PREFIX)) continue
    const table = op.key.slice(ITEM_PREFIX.length, op.key.indexOf('~'))
    if (streams.enabled(table)) {
      finalByKey.delete(op.key)
      finalByKey.set(op.key, op)
    }
  }
  const records: { info: StreamInfo; record: StreamRecord }[] = []
  for (const [key, op] of finalByKey) {
    const info = streams.enabled(key.slice(ITEM_PREFIX.length, key.indexOf('~')))
    if (!info) continue
    const oldImage = (reads.has(key) ? reads.get(key) : await capture.read(key)) as Item | undefined
    const newImage = op.type === 'put' ? (op.value as Item) : undefined
    if (!oldImage && !newImage) continue
    const record = buildRecord(info, region, streams.nextSequence(), oldImage, newImage)
    if (record) records.push({ info, record })
  }
  await capture.write([...ops, ...streams.recordOps(records)])
  streams.committed(records)
}
