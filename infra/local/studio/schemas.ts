/**
 * The Schemas page: every event type and version with its JSON Schema, and the consumers that receive
 * it, read from the committed contracts (`npm run contracts`): the AsyncAPI document names, per
 * consumer queue, the types its filter policy lets through.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

interface AsyncApi {
  channels?: Record<string, { messages?: Record<string, unknown> }>
}

const SCHEMA_FILE = /^(?<type>.+)\.v(?<version>\d+)\.json$/

export async function eventSchemas(contractsDir: string) {
  const dir = join(contractsDir, 'schemas', 'events')
  const files = (await readdir(dir)).filter((f) => SCHEMA_FILE.test(f)).sort()
  const receivers = await receiversByType(contractsDir)
  const schemas = await Promise.all(
    files.map(async (file) => {
      const { type = '', version = '0' } = SCHEMA_FILE.exec(file)?.groups ?? {}
      const schema = JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown
      return {
        type,
        version: Number(version),
        file: `contracts/schemas/events/${file}`,
        schema,
        consumers: receivers.get(type) ?? [],
      }
    }),
  )
  return schemas.sort((a, b) => (a.type === b.type ? a.version - b.version : a.type < b.type ? -1 : 1))
}

/** Type → consumers whose queue channel in the AsyncAPI document carries a message of that type. */
async function receiversByType(contractsDir: string): Promise<Map<string, string[]>> {
  const doc = JSON.parse(await readFile(join(contractsDir, 'asyncapi.json'), 'utf8')) as AsyncApi
  const byType = new Map<string, string[]>()
  for (const [id, channel] of Object.entries(doc.channels ?? {})) {
    const consumer = queueConsumer(id)
    if (consumer === undefined) continue
    for (const message of Object.keys(channel.messages ?? {})) {
      const list = byType.get(message) ?? []
      if (!list.includes(consumer)) list.push(consumer)
      byType.set(message, list)
    }
  }
  return byType
}

/** The consumer of a queue channel (`queue-<consumer>`); topics and DLQs are not receivers. */
function queueConsumer(id: string): string | undefined {
  return id.startsWith('queue-') ? id.slice('queue-'.length) : undefined
}
