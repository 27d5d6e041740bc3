/**
 * StreamSpecification on CreateTable/UpdateTable, which dynalite drops: validated here, applied to
 * the stream store, and echoed in TableDescription (StreamSpecification, LatestStreamArn/Label).
 */
import { ValidationError } from './errors.ts'
import type { StreamStore } from './stream-store.ts'
import { STREAM_VIEW_TYPES, type StreamViewType } from './stream-types.ts'

/** A validated StreamSpecification. */
export type StreamSpec = { enabled: true; viewType: StreamViewType } | { enabled: false }

/** Validates a StreamSpecification as DynamoDB does; undefined when absent. */
export function parseStreamSpec(raw: unknown): StreamSpec | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'object') throw new ValidationError('StreamSpecification must be a structure')
  const { StreamEnabled, StreamViewType } = raw as Record<string, unknown>
  if (typeof StreamEnabled !== 'boolean') {
    throw new ValidationError(
      "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null",
    )
  }
  if (!StreamEnabled) {
    if (StreamViewType !== undefined) {
      throw new ValidationError(
        'One or more parameter values were invalid: Disabled stream cannot have a view type',
      )
    }
    return { enabled: false }
  }
  if (!STREAM_VIEW_TYPES.includes(StreamViewType as StreamViewType)) {
    throw new ValidationError(
      'One or more parameter values were invalid: Enabled stream must have a view type (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES)',
    )
  }
  return { enabled: true, viewType: StreamViewType as StreamViewType }
}

/** Adds the stream fields DynamoDB puts in a TableDescription. */
export function withStreamFields<T extends Record<string, unknown>>(
  streams: StreamStore,
  tableName: string,
  desc: T,
): T {
  const latest = streams.latest(tableName)
  // A stream of an earlier table of the same name is not this table's.
  const createdMs = typeof desc.CreationDateTime === 'number' ? desc.CreationDateTime * 1000 : 0
  if (!latest || latest.createdAtMs < Math.floor(createdMs)) return desc
  return {
    ...desc,
    ...(latest.enabled
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: latest.viewType } }
      : {}),
    LatestStreamArn: latest.streamArn,
    LatestStreamLabel: latest.streamLabel,
  }
}

/** Applies a spec to a table; the errors are DynamoDB's for redundant changes. */
export async function applyStreamSpec(
  streams: StreamStore,
  table: { TableName: string; TableArn: string; KeySchema: { AttributeName: string; KeyType: string }[] },
  spec: StreamSpec,
): Promise<void> {
  const current = streams.enabled(table.TableName)
  if (spec.enabled) {
    if (current)
      throw new ValidationError(`Table already has an enabled stream: TableName: ${table.TableName}`)
    await streams.enable(table, spec.viewType)
    return
  }
  if (!current)
    throw new ValidationError(`Table already has no stream enabled: TableName: ${table.TableName}`)
  await streams.disable(table.TableName)
}
