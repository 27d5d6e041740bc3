import type { SQSClient } from '@aws-sdk/client-sqs'

export type { ConsumerQueues } from '../topology/deployed.ts'

/** How a redrive ended. `RUNNING`: the AWS move task outlived our wait and carries on by itself. */
export type RedriveStatus = 'COMPLETED' | 'RUNNING' | 'FAILED' | 'CANCELLED'

/** Messages moved from the DLQ back to the source queue. */
export interface RedriveResult {
  moved: number
  status: RedriveStatus
  /** How the move was done. */
  strategy: 'move-task' | 'receive-send-delete'
  /** Messages left behind (send or delete failed); they become visible in the DLQ again. */
  failed?: number
  /** Why SQS failed the move task, when it did. */
  failureReason?: string
}

/** The part of SQSClient the strategies use (a fake in unit tests). */
export type SqsSend = Pick<SQSClient, 'send'>
