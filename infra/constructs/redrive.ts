/**
 * The redrive function: an operator moves one consumer's DLQ back to its queue. It uses SQS's own
 * move task (StartMessageMoveTask), which runs with the caller's permissions, so the role also holds
 * what the task does: receive, delete and read attributes on the DLQ, send to the queue, and the key.
 */
import { Grant } from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'
import type { FunctionSpec } from '../../shared/topology/catalogue.ts'
import { BackboneFunction } from './backbone-function.ts'
import type { DeploymentEnvironment } from './deployment-environment.ts'
import type { Fanout } from './fanout.ts'
import { grantSendTo } from './messaging-access.ts'

/**
 * Actions on each DLQ: the move task's own two, and what the task (or `shared/redrive`'s
 * receive/send/delete fallback) does to the DLQ's messages.
 */
export const RedriveDlqActions = [
  'sqs:StartMessageMoveTask',
  'sqs:ListMessageMoveTasks',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const

/** Properties of {@link Redrive}. */
export interface RedriveProps {
  /** The consumers whose DLQs can be redriven. */
  readonly fanout: Fanout
  /** The redrive's catalogue entry. */
  readonly spec: FunctionSpec
  /** Where the function's variables resolve. */
  readonly environment: DeploymentEnvironment
}

/** Redrive function with exactly the permissions of a DLQ → queue move. */
export class Redrive extends Construct {
  readonly function: BackboneFunction

  constructor(scope: Construct, id: string, props: RedriveProps) {
    super(scope, id)
    const { fanout } = props
    this.function = new BackboneFunction(this, 'Handler', {
      spec: props.spec,
      environment: props.environment.resolve(props.spec),
    })
    const queues = fanout.consumers.map((c) => c.queues)
    Grant.addToPrincipal({
      grantee: this.function,
      actions: [...RedriveDlqActions],
      resourceArns: queues.map((q) => q.deadLetterQueue.queueArn),
    })
    // The DLQ shares its queue's key, so the producer grant's Decrypt also covers receiving from it.
    grantSendTo(
      this.function,
      queues.map((q) => q.queue),
    )
  }
}
