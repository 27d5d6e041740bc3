import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs'
import type { ConsumerQueues, RedriveResult, RedriveStatus, SqsSend } from './types.ts'

/** How long to watch the move task; it keeps running on AWS after we stop watching. */
export interface MoveTaskOptions {
  pollIntervalMs?: number
  waitMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const knownStatus = (status: string | undefined): RedriveStatus => {
  if (status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED') return status
  // RUNNING, CANCELLING, or a status added later: the task is not over yet.
  return 'RUNNING'
}

/**
 * Redrives with SQS's own DLQ redrive (StartMessageMoveTask), then polls ListMessageMoveTasks for the
 * moved count. SQS keeps bodies, attributes and FIFO ids. SQS allows one active task per source queue
 * and lists the most recent task first, so the first result is the one just started.
 */
export async function redriveWithMoveTask(
  sqs: SqsSend,
  queues: ConsumerQueues,
  opts: MoveTaskOptions = {},
): Promise<RedriveResult> {
  const { pollIntervalMs = 1000, waitMs = 30_000 } = opts
  await sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: queues.dlqArn, DestinationArn: queues.queueArn }),
  )
  const deadline = Date.now() + waitMs
  for (;;) {
    const { Results } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: queues.dlqArn, MaxResults: 1 }),
    )
    const task = Results?.[0]
    const status = knownStatus(task?.Status)
    if (status !== 'RUNNING' || Date.now() >= deadline) {
      return {
        moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
        status,
        strategy: 'move-task',
        ...(task?.FailureReason ? { failureReason: task.FailureReason } : {}),
      }
    }
    await sleep(pollIntervalMs)
  }
}
