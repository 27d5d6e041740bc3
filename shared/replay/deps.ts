/** What the replay logic is given: ports, the deployed topology and the invocation's time budget. */
import type { Logger } from '@aws-lambda-powertools/logger'
import type { EventRegistry } from '../events/registry.ts'
import type { EventStore } from '../store/event-store.ts'
import type { DeployedTopology } from '../topology/deployed.ts'
import type { ReplayJobStore } from './job-store.ts'
import type { ReplayChannels } from './target.ts'
import type { ReplayJob } from './types.ts'

/** Starts another invocation of this function to continue a job (Lambda async self-invocation). */
export interface Continuation {
  continueJob(jobId: string, continuationToken: string): Promise<void>
}

/** The slice of Powertools' Logger replay uses. */
export type ReplayLogger = Pick<Logger, 'info' | 'warn' | 'error'>

export interface ReplayDeps {
  events: EventStore
  jobs: ReplayJobStore
  registry: EventRegistry
  channels: ReplayChannels
  /** The deployment's topics, routes and consumers (from the environment). */
  topology: DeployedTopology
  continuation: Continuation
  /** CloudEvents `source` of the envelopes. */
  source: string
  logger: ReplayLogger
  /** Called once a job has completed (a projection rebuild switches readers here); never throws. */
  onCompleted?: (job: ReplayJob) => Promise<void>
  /** Epoch ms; injectable for tests. */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  newId?: () => string
}

/** The time an invocation has. */
export interface InvocationBudget {
  /** Milliseconds before the function is stopped (`context.getRemainingTimeInMillis()`). */
  remainingMs(): number
  /** Milliseconds kept back to checkpoint and start the continuation. */
  marginMs: number
}
