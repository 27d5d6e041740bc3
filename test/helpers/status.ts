/** `GET /_local/status` of a running stack, and the checks built on it. */
import type { localStatus } from '../../infra/local/status.ts'

export type LocalStatus = Awaited<ReturnType<typeof localStatus>>

/** The runtime's status from its Invoke API endpoint. */
export async function fetchStatus(lambdaUrl: string): Promise<LocalStatus> {
  const response = await fetch(`${lambdaUrl}/_local/status`)
  if (!response.ok) throw new Error(`status answered ${response.status}`)
  return (await response.json()) as LocalStatus
}

/** True when every consumer queue and DLQ is empty (nothing visible, nothing in flight). */
export function allQueuesEmpty(status: LocalStatus): boolean {
  return Object.values(status.eventSources).every(
    (s) => s.queue.visible + s.queue.inFlight + s.dlq.visible + s.dlq.inFlight === 0,
  )
}
