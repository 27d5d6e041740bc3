/** The `npm run capacity` command line, parsed and checked; pure, so it is unit-tested. */
import { parseArgs } from 'node:util'
import { FIGURES_REGION } from './aws-figures.ts'
import { CapacityArgumentError } from './errors.ts'
import type { InputOverrides } from './inputs.ts'

export const CAPACITY_USAGE = `Usage: npm run capacity -- [options]
  --markdown                     print only the README section (between its markers)
  --consumers=N                  deliver each event to N consumers (default: the declared ones)
  --stream-shards=N              DynamoDB stream shards (default 4, assumed)
  --time-index-shards=N          byTime index shards (default: the declaration's)
  --parallelization=N            relay batches per shard, 1 to 10 (default: the declaration's)
  --publish-ms=N --relay-batch-ms=N --consumer-batch-ms=N   durations (defaults 30, 100, 100)
  --region=us-east-1             the only region whose quotas and prices are recorded`

const numeric = {
  consumers: 'deliveredTo',
  'stream-shards': 'streamShards',
  'time-index-shards': 'timeIndexShards',
  parallelization: 'parallelizationFactor',
  'publish-ms': 'publishDurationMs',
  'relay-batch-ms': 'relayBatchDurationMs',
  'consumer-batch-ms': 'consumerBatchDurationMs',
} as const satisfies Record<string, keyof InputOverrides>

export interface CapacityArgs {
  markdown: boolean
  help: boolean
  overrides: InputOverrides
}

function positiveInteger(flag: string, raw: string): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1)
    throw new CapacityArgumentError(flag, `expected a whole number of at least 1, got "${raw}"`)
  return n
}

/** Parses `argv`; throws {@link CapacityArgumentError} naming the flag at fault. */
export function parseCapacityArgs(argv: readonly string[]): CapacityArgs {
  const flags = Object.fromEntries(Object.keys(numeric).map((k) => [k, { type: 'string' as const }]))
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        ...flags,
        markdown: { type: 'boolean' },
        help: { type: 'boolean' },
        region: { type: 'string' },
      },
      strict: true,
    }))
  } catch (error) {
    const flag = /'(--[\w-]+)/.exec(String(error))?.[1]?.slice(2) ?? 'unknown'
    throw new CapacityArgumentError(flag, error instanceof Error ? error.message : String(error))
  }
  const overrides: InputOverrides = {}
  for (const [flag, key] of Object.entries(numeric)) {
    const raw = values[flag]
    if (typeof raw === 'string') overrides[key] = positiveInteger(flag, raw)
  }
  if ((overrides.parallelizationFactor ?? 1) > 10)
    throw new CapacityArgumentError('parallelization', 'Lambda allows at most 10 batches per shard')
  if (typeof values.region === 'string') {
    if (values.region !== FIGURES_REGION)
      throw new CapacityArgumentError('region', `quotas and prices are recorded for ${FIGURES_REGION} only`)
    overrides.region = values.region
  }
  return { markdown: values.markdown === true, help: values.help === true, overrides }
}
