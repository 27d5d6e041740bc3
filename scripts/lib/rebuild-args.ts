/**
 * The `npm run rebuild` command line, turned into the projection request the replay function takes
 * (`shared/projection/rebuild-request.ts`). Pure, so it is unit-tested; `scripts/rebuild.ts` does the I/O.
 */
import { parseArgs } from 'node:util'

/** Usage text shown on `--help` and on a malformed command line. */
export const REBUILD_USAGE = `Usage: npm run rebuild -- <projection> [options]
  (no option)          build the next version from history beside the active one, then switch readers to it
  --status             each version (active, building, ready, incomplete) and its job's progress
  --activate <n>       serve version n to readers (switch, or switch back); it must be ready
  --remove <n>         stop maintaining version n (not the active one); its items stay in the table
  --rate <n>           events per second the rebuild applies at most (default 100)`

/** The command line is not a request; `message` says why. */
export class RebuildUsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RebuildUsageError'
  }
}

const options = {
  status: { type: 'boolean' },
  activate: { type: 'string' },
  remove: { type: 'string' },
  rate: { type: 'string' },
  help: { type: 'boolean' },
} as const

/** The request of a command line (`undefined` for `--help`). Throws {@link RebuildUsageError}. */
export function rebuildRequestFromArgs(args: string[]): Record<string, unknown> | undefined {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (cause) {
    throw new RebuildUsageError((cause as Error).message, { cause })
  }
  const { values, positionals } = parsed
  if (values.help) return undefined
  const [projection, ...extra] = positionals
  if (projection === undefined) throw new RebuildUsageError('name the projection to rebuild')
  if (extra.length > 0) throw new RebuildUsageError(`one projection at a time (also got ${extra.join(', ')})`)
  return {
    projection,
    ...(values.status ? { status: true } : {}),
    ...(values.activate !== undefined ? { activate: number('--activate', values.activate) } : {}),
    ...(values.remove !== undefined ? { remove: number('--remove', values.remove) } : {}),
    ...(values.rate !== undefined ? { ratePerSecond: number('--rate', values.rate) } : {}),
  }
}

/** Range checks are left to the function, so the command line and the console give the same error. */
function number(flag: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || Number.isNaN(value))
    throw new RebuildUsageError(`${flag}: "${raw}" is not a number`)
  return value
}
