/**
 * Settings of the replay function: the jobs table, and the deployed topology (`TOPIC_ARNS`,
 * `EVENT_ROUTES`, `CONSUMER_QUEUES`) that the stack and the local runtime set the same way.
 */
import * as z from 'zod/mini'
import { defineConfigSection, type Env, type EventStoreConfig, loadEventStoreConfig } from '../config.ts'
import { type DeployedTopology, loadDeployedTopology } from '../topology/deployed.ts'

/** Default time kept back from the function timeout to checkpoint and hand over (a generous 30 s). */
export const DEFAULT_DEADLINE_MARGIN_MS = 30_000

export interface ReplayConfig extends EventStoreConfig {
  /** `REPLAY_JOBS_TABLE_NAME`. */
  jobsTableName: string
  /** `AWS_LAMBDA_FUNCTION_NAME` (set by Lambda): continuations invoke the function itself. */
  functionName: string
  /** `REPLAY_DEADLINE_MARGIN_MS`: checkpoint this long before the timeout (tests lower it). */
  deadlineMarginMs: number
  /** Where events go: topics, routes, consumers with their queues and filter policies. */
  topology: DeployedTopology
}

const loadReplaySection = defineConfigSection(
  {
    REPLAY_JOBS_TABLE_NAME: z.string().check(z.minLength(1)),
    AWS_LAMBDA_FUNCTION_NAME: z.string().check(z.minLength(1)),
    REPLAY_DEADLINE_MARGIN_MS: z._default(
      z.coerce.number().check(z.int(), z.nonnegative()),
      DEFAULT_DEADLINE_MARGIN_MS,
    ),
  },
  (v) => ({
    jobsTableName: v.REPLAY_JOBS_TABLE_NAME,
    functionName: v.AWS_LAMBDA_FUNCTION_NAME,
    deadlineMarginMs: v.REPLAY_DEADLINE_MARGIN_MS,
  }),
)

/** Loads every replay setting; throws `ConfigError` naming the first missing or malformed variable. */
export function loadReplayConfig(env: Env = process.env): ReplayConfig {
  return {
    ...loadEventStoreConfig(env),
    ...loadReplaySection(env),
    topology: loadDeployedTopology(env),
  }
}
