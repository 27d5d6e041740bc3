import * as z from 'zod/mini'
import { consumers } from '../../infra/topology.ts'
import { defineConfigSection, jsonVariable } from '../config.ts'
import type { ConsumerQueues } from './types.ts'

const queues = z.object({
  queueUrl: z.url(),
  queueArn: z.string().check(z.startsWith('arn:')),
  dlqUrl: z.url(),
  dlqArn: z.string().check(z.startsWith('arn:')),
})

const consumerQueues = jsonVariable(z.record(z.string(), queues)).check(
  z.superRefine((byName, ctx) => {
    const missing = consumers.map((c) => c.name).filter((name) => byName[name] === undefined)
    if (missing.length > 0)
      ctx.addIssue({ code: 'custom', message: `no queues for consumer(s) ${missing.join(', ')}` })
  }),
)

/** Settings of the redrive function. */
export interface RedriveConfig {
  /** Queue and DLQ of every consumer, by consumer name. */
  consumerQueues: Record<string, ConsumerQueues>
}

/**
 * Loads `CONSUMER_QUEUES`, JSON `{ "<consumer>": { "queueUrl", "queueArn", "dlqUrl", "dlqArn" } }`
 * with an entry for every consumer of `infra/topology.ts` (throws `ConfigError` naming the variable).
 */
export const loadRedriveConfig = defineConfigSection(
  { CONSUMER_QUEUES: consumerQueues },
  (v): RedriveConfig => ({ consumerQueues: v.CONSUMER_QUEUES }),
)
