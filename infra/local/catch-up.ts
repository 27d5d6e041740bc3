/**
 * Locally, what the CDK stack's catch-up resources do after deploy (`infra/constructs/catch-up.ts`):
 * once the stack is up (every queue subscribed), the replay function gets the catch-up request of each
 * consumer that starts in the past (`shared/topology/start-position.ts`), through the Lambda host like
 * any invocation. The job id is fixed, so the next `npm start` finds the job instead of replaying again:
 * a completed one is only reported, a failed or interrupted one resumes from its checkpoint.
 */
import type { CatchUpRequest } from '../../shared/topology/start-position.ts'
import type { Invoke } from './lambda/types.ts'

/** How one consumer's catch-up ended for this run (the job may go on in a continuation). */
export interface CatchUpOutcome {
  readonly consumer: string
  readonly jobId: string
  /** The job's status, counts and error as the replay function answered, or the function's error. */
  readonly result: { status: string; matched: number; sent: number; error?: string } | { failed: string }
}

/**
 * Sends every catch-up request to the `replay` function, all at once, and resolves when each
 * invocation has answered. Never rejects: an outcome carries the function's error instead.
 */
export function runCatchUps(requests: readonly CatchUpRequest[], invoke: Invoke): Promise<CatchUpOutcome[]> {
  return Promise.all(
    requests.map(async (request): Promise<CatchUpOutcome> => {
      const at = { consumer: request.target.consumer, jobId: request.jobId }
      const outcome = await invoke('replay', request).catch((error: unknown) => ({
        ok: false as const,
        error: { errorType: 'InvokeError', errorMessage: String(error) },
      }))
      if (!outcome.ok)
        return { ...at, result: { failed: `${outcome.error.errorType}: ${outcome.error.errorMessage}` } }
      const job = outcome.result as { status: string; matched: number; sent: number; error?: string }
      const { status, matched, sent, error } = job
      return { ...at, result: { status, matched, sent, ...(error ? { error } : {}) } }
    }),
  )
}

/** One line per outcome, for `npm start` and the runtime's log. */
export function describeCatchUp(outcome: CatchUpOutcome): string {
  const { consumer, jobId, result } = outcome
  if ('failed' in result) return `catch-up of ${consumer} (job ${jobId}) failed: ${result.failed}`
  const counts = `${result.matched} events matched, ${result.sent} sent`
  return `catch-up of ${consumer} (job ${jobId}): ${result.status}, ${counts}${result.error ? `; ${result.error}` : ''}`
}
