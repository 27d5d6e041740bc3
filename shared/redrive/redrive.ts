import { type MoveTaskOptions, redriveWithMoveTask } from './move-task.ts'
import { redriveByReceive } from './receive-loop.ts'
import type { ConsumerQueues, RedriveResult, SqsSend } from './types.ts'

const isUnsupportedAction = (error: unknown): boolean =>
  // fauxqs (and other emulators) answer an action they lack with InvalidAction (HTTP 400).
  (error as { name?: unknown } | undefined)?.name === 'InvalidAction'

/**
 * Moves a consumer's DLQ messages back to its queue. Uses SQS's move task (AWS), and falls back to
 * receive → send → delete only when the endpoint does not know that action (the local emulator), so
 * the same code runs in both places. Any other error is thrown for the caller to translate.
 *
 * @example
 * const { moved } = await redriveConsumer(sqsClient(config), queues)
 */
export async function redriveConsumer(
  sqs: SqsSend,
  queues: ConsumerQueues,
  opts: MoveTaskOptions = {},
): Promise<RedriveResult> {
  try {
    return await redriveWithMoveTask(sqs, queues, opts)
  } catch (error) {
    if (isUnsupportedAction(error)) return redriveByReceive(sqs, queues)
    throw error
  }
}
