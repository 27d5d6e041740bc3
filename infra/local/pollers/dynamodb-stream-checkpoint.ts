/**
 * The mapping's checkpoint: the last fully handled sequence number of a shard. Written to a temp
 * file then renamed over the old one, so a crash leaves either the old or the new checkpoint.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'

export interface Checkpoint {
  streamArn: string
  shardId: string
  sequenceNumber: string
}

/** Reads a checkpoint; undefined when there is none (or the file holds something else). */
export async function readCheckpoint(file: string | undefined): Promise<Checkpoint | undefined> {
  if (!file) return undefined
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const value = JSON.parse(text) as Partial<Checkpoint>
  const { streamArn, shardId, sequenceNumber } = value
  if (typeof streamArn !== 'string' || typeof shardId !== 'string' || typeof sequenceNumber !== 'string')
    return undefined
  return { streamArn, shardId, sequenceNumber }
}

/** Replaces the checkpoint atomically. */
export async function writeCheckpoint(file: string | undefined, checkpoint: Checkpoint): Promise<void> {
  if (!file) return
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(checkpoint)}\n`)
  await rename(temp, file)
}
