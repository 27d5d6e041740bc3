/**
 * Stream metadata and records, kept in dynalite's own LevelDB under an `xstream~` prefix so records
 * are written in the same atomic batch as the items they describe. Reads are range scans bounded by
 * the shard position and the limit: no work proportional to the stream's length.
 */
import { randomBytes } from 'node:crypto'
import type { BatchOp, MainDb } from './dynalite-internals.ts'
import { BEFORE_FIRST, formatSequence, parseSequence } from './sequence.ts'
import type { StreamInfo, StreamRecord, StreamViewType } from './stream-types.ts'

const META = 'xstream~meta~'
const RECORDS = 'xstream~rec~'
const COUNTER = 'xstream~seq'

const recordPrefix = (s: StreamInfo): string => `${RECORDS}${s.tableName}~${s.streamLabel}~`

export class StreamStore {
  readonly #db: MainDb
  readonly #write: (ops: BatchOp[]) => Promise<void>
  readonly #streams = new Map<string, StreamInfo[]>()
  readonly #lastSequence = new Map<string, string>()
  #counter = 0n

  constructor(db: MainDb, write: (ops: BatchOp[]) => Promise<void>) {
    this.#db = db
    this.#write = write
  }

  /** Loads the metadata and the sequence counter persisted by an earlier run. */
  async load(): Promise<void> {
    const metas = (await this.#db.values({ gte: META, lt: `${META}\xff` }).all()) as StreamInfo[][]
    for (const list of metas) {
      const first = list[0]
      if (first) this.#streams.set(first.tableName, list)
      for (const info of list) {
        const last = (await this.#db
          .values({ gte: recordPrefix(info), lt: `${recordPrefix(info)}\xff`, reverse: true, limit: 1 })
          .all()) as StreamRecord[]
        if (last[0]) this.#lastSequence.set(info.streamArn, last[0].dynamodb.SequenceNumber)
      }
    }
    const counter = await this.#db.get(COUNTER)
    if (typeof counter === 'string') this.#counter = BigInt(counter)
  }

  /** The table's enabled stream, if any. */
  enabled(tableName: string): StreamInfo | undefined {
    const latest = this.latest(tableName)
    return latest?.enabled ? latest : undefined
  }

  /** The table's most recent stream, enabled or not. */
  latest(tableName: string): StreamInfo | undefined {
    return this.#streams.get(tableName)?.at(-1)
  }

  /** Every stream, newest last per table, optionally of one table. */
  list(tableName?: string): StreamInfo[] {
    if (tableName !== undefined) return [...(this.#streams.get(tableName) ?? [])]
    return [...this.#streams.values()].flat()
  }

  byArn(streamArn: string): StreamInfo | undefined {
    const table = /:table\/([^/]+)\/stream\//.exec(streamArn)?.[1]
    return table === undefined ? undefined : this.#streams.get(table)?.find((s) => s.streamArn === streamArn)
  }

  /** Sequence number of the newest record of a stream, or the position before its first one. */
  lastSequence(info: StreamInfo): string {
    return this.#lastSequence.get(info.streamArn) ?? BEFORE_FIRST
  }

  /** Opens a new stream for a table. */
  async enable(
    table: { TableName: string; TableArn: string; KeySchema: StreamInfo['keySchema'] },
    viewType: StreamViewType,
  ): Promise<StreamInfo> {
    const list = this.#streams.get(table.TableName) ?? []
    // Labels must be unique per table; two enables within one millisecond get distinct ones.
    let createdAtMs = Date.now()
    while (list.some((s) => s.createdAtMs >= createdAtMs)) createdAtMs++
    const streamLabel = new Date(createdAtMs).toISOString().replace('Z', '')
    const info: StreamInfo = {
      tableName: table.TableName,
      streamArn: `${table.TableArn}/stream/${streamLabel}`,
      streamLabel,
      viewType,
      keySchema: table.KeySchema.map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })),
      enabled: true,
      createdAtMs,
      shardId: `shardId-${String(createdAtMs).padStart(20, '0')}-${randomBytes(4).toString('hex')}`,
      startingSequenceNumber: formatSequence(this.#counter + 1n),
    }
    await this.#saveMeta(table.TableName, [...list, info])
    return info
  }

  /** Closes a table's enabled stream; its records stay readable. */
  async disable(tableName: string): Promise<void> {
    const list = this.#streams.get(tableName) ?? []
    const current = list.at(-1)
    if (!current?.enabled) return
    const closed = {
      ...current,
      enabled: false,
      endingSequenceNumber: this.#lastSequence.get(current.streamArn) ?? current.startingSequenceNumber,
    }
    await this.#saveMeta(tableName, [...list.slice(0, -1), closed])
  }

  async #saveMeta(tableName: string, list: StreamInfo[]): Promise<void> {
    await this.#write([{ type: 'put', key: `${META}${tableName}`, value: list }])
    this.#streams.set(tableName, list)
  }

  /** Hands out the next sequence number (not yet durable: see {@link recordOps}). */
  nextSequence(): string {
    this.#counter++
    return formatSequence(this.#counter)
  }

  /** Batch operations persisting records and the counter; call {@link committed} once written. */
  recordOps(records: { info: StreamInfo; record: StreamRecord }[]): BatchOp[] {
    const ops: BatchOp[] = records.map(({ info, record }) => ({
      type: 'put',
      key: `${recordPrefix(info)}${record.dynamodb.SequenceNumber}`,
      value: record,
    }))
    if (ops.length > 0) ops.push({ type: 'put', key: COUNTER, value: this.#counter.toString() })
    return ops
  }

  /** Notes the newest sequence numbers after their batch was written. */
  committed(records: { info: StreamInfo; record: StreamRecord }[]): void {
    for (const { info, record } of records)
      this.#lastSequence.set(info.streamArn, record.dynamodb.SequenceNumber)
  }

  /** Up to `limit` records with a sequence number above `after`, oldest first. */
  async read(info: StreamInfo, after: string, limit: number): Promise<StreamRecord[]> {
    const prefix = recordPrefix(info)
    const from = parseSequence(after) === undefined && after !== BEFORE_FIRST ? BEFORE_FIRST : after
    return (await this.#db
      .values({ gt: `${prefix}${from}`, lt: `${prefix}\xff`, limit })
      .all()) as StreamRecord[]
  }
}
