/**
 * The `npm run replay` command line, turned into the same JSON request the Lambda console takes.
 * Pure, so it is unit-tested; `scripts/replay.ts` does the I/O.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

/** Usage text shown on `--help` and on a malformed command line. */
export const REPLAY_USAGE = `Usage: npm run replay -- [options]
  --consumer <name> | --topic <name>   where to send (one consumer's queue, or a topic)
  --stream <id>                        a stream to replay (repeatable)
  --types <A,B>                        event types (comma-separated, or --type repeated)
  --from <iso> --to <iso>              time range (from inclusive, default the oldest event; to exclusive, default now)
  --dry-run                            count what would be sent, send nothing
  --rate <n>                           events per second at most (default 100)
  --reprocess                          consumers handle events they have already seen
  --job-id <id>                        the job id (new job), or alone: the job's status
  --cancel                             with --job-id: stop the job
  --request '<json>' | --file <path>   the request as JSON (the Lambda console test event)`

/** The command line is not a request; `message` says why. */
export class ReplayUsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReplayUsageError'
  }
}

const options = {
  consumer: { type: 'string' },
  topic: { type: 'string' },
  stream: { type: 'string', multiple: true },
  types: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  rate: { type: 'string' },
  reprocess: { type: 'boolean' },
  'job-id': { type: 'string' },
  cancel: { type: 'boolean' },
  request: { type: 'string' },
  file: { type: 'string' },
  help: { type: 'boolean' },
} as const

/** The request of a command line (`undefined` for `--help`). Throws {@link ReplayUsageError}. */
export function requestFromArgs(args: string[]): Record<string, unknown> | undefined {
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values']
  try {
    values = parseArgs({ args, options, strict: true }).values
  } catch (cause) {
    throw new ReplayUsageError((cause as Error).message, { cause })
  }
  if (values.help) return undefined
  if (values.request !== undefined || values.file !== undefined) return fromJson(values.request, values.file)
  const types = [...(values.types ?? []), ...(values.type ?? [])].flatMap((t) => t.split(',')).filter(Boolean)
  const filter = {
    ...(values.stream ? { streamIds: values.stream } : {}),
    ...(types.length > 0 ? { types } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  }
  const target = values.consumer
    ? { consumer: values.consumer }
    : values.topic
      ? { topic: values.topic }
      : undefined
  if (values.consumer && values.topic) throw new ReplayUsageError('give --consumer or --topic, not both')
  return {
    ...(target ? { target } : {}),
    ...(Object.keys(filter).length > 0 ? { filter } : {}),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.rate !== undefined ? { ratePerSecond: rate(values.rate) } : {}),
    ...(values.reprocess ? { reprocess: true } : {}),
    ...(values['job-id'] ? { jobId: values['job-id'] } : {}),
    ...(values.cancel ? { cancel: true } : {}),
  }
}

function rate(raw: string): number {
  const value = Number(raw)
  // Left to the function to range-check, so the CLI and the console give the same error.
  if (raw.trim() === '' || Number.isNaN(value)) throw new ReplayUsageError(`--rate: "${raw}" is not a number`)
  return value
}

function fromJson(inline: string | undefined, file: string | undefined): Record<string, unknown> {
  if (inline !== undefined && file !== undefined)
    throw new ReplayUsageError('give --request or --file, not both')
  const text = inline ?? readFileSync(file as string, 'utf8')
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch (cause) {
    throw new ReplayUsageError(`${inline !== undefined ? '--request' : file}: not JSON`, { cause })
  }
}
