/** The Lambda functions of the backbone, as the CDK stack and the local runtime know them. */
import { backbone } from '../../functions/backbone.ts'
import type { FunctionEntry } from './bundles.ts'

/**
 * An empty SQS batch: a consumer builds its clients, logger and metrics on its first invocation (so a
 * config error is a function error naming the variable), and an empty batch runs exactly that. The
 * baselines construct their clients at import, so the consumers' figure must include it too.
 */
const EMPTY_SQS_BATCH = { Records: [] }

/** Every function: publish, read, relay, redrive, replay, and one per topology consumer. */
export const FUNCTIONS: readonly FunctionEntry[] = [
  ...Object.entries(backbone.entries).map(([name, entry]) => ({ name, entry })),
  ...backbone.consumers.map((c) => ({ name: c.name, entry: c.entry, firstEvent: EMPTY_SQS_BATCH })),
]
