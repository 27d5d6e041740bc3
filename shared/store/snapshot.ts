/**
 * Snapshots: a stream's state at one version, kept beside the stream so a read folds from there
 * instead of from version 1. A snapshot is a cache: losing one only makes a read fold further.
 */
import { createHash } from 'node:crypto'
import type { Reducer } from '../events/reducer.ts'

/** The state of `streamId` after folding its events 1..`version` with the reducer `reducerVersion`. */
export interface Snapshot {
  streamId: string
  version: number
  reducerVersion: string
  state: unknown
}

/**
 * Largest state, as JSON, a snapshot is written for: DynamoDB's item limit is 400 KB, and the map
 * encoding plus the keys take some of it. A larger state is folded in full on every read.
 */
export const MAX_SNAPSHOT_STATE_BYTES = 350_000

const hashed = new WeakMap<Reducer, string>()

/**
 * The version snapshots of `reducer` are kept under: its declared `version`, or a hash of its
 * methods' source, so that a changed fold ignores the snapshots of the old one.
 */
export function reducerVersionOf(reducer: Reducer): string {
  if (reducer.version !== undefined) return reducer.version
  let version = hashed.get(reducer)
  if (version === undefined) {
    const source = `${String(reducer.initialState)}\n${String(reducer.apply)}`
    version = `h${createHash('sha256').update(source).digest('hex').slice(0, 16)}`
    hashed.set(reducer, version)
  }
  return version
}

/** True when `state` fits a snapshot (see {@link MAX_SNAPSHOT_STATE_BYTES}). */
export function fitsSnapshot(state: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(state) ?? '') <= MAX_SNAPSHOT_STATE_BYTES
}
