/**
 * Outputs an operator needs after `cdk deploy`: where each consumer's messages and failures are, the
 * functions to invoke for redrive and replay, the topic ARNs, the alarm topic and the dashboard.
 */
import { CfnOutput, type Stack } from 'aws-cdk-lib'
import type { BackboneMonitoring } from '../constructs/backbone-monitoring.ts'
import type { Fanout } from '../constructs/fanout.ts'
import { pascalCase } from '../constructs/names.ts'
import type { Redrive } from '../constructs/redrive.ts'
import type { Replay } from '../constructs/replay.ts'

/** The parts of the stack whose names and ARNs an operator needs. */
export interface OperatorParts {
  readonly fanout: Fanout
  readonly redrive: Redrive
  readonly replay: Replay
  readonly monitoring: BackboneMonitoring
}

/** Adds the fan-out, operator and monitoring outputs to `stack`. */
export function addFanoutOutputs(stack: Stack, { fanout, redrive, replay, monitoring }: OperatorParts): void {
  for (const { declaration, queues } of fanout.consumers) {
    const id = pascalCase(declaration.name)
    new CfnOutput(stack, `${id}QueueName`, {
      value: queues.queue.queueName,
      description: `Queue of consumer ${declaration.name}`,
    })
    new CfnOutput(stack, `${id}DlqName`, {
      value: queues.deadLetterQueue.queueName,
      description: `Dead-letter queue of consumer ${declaration.name}`,
    })
  }
  for (const [name, topic] of fanout.topics.byName) {
    new CfnOutput(stack, `${pascalCase(name)}TopicArn`, {
      value: topic.topicArn,
      description: `Topic ${name}`,
    })
  }
  new CfnOutput(stack, 'RelayFailureQueueName', {
    value: fanout.relay.failureQueue.queueName,
    description: 'Stream batches the relay gave up on (replay their time range)',
  })
  new CfnOutput(stack, 'RedriveFunctionName', {
    value: redrive.function.function.functionName,
    description: 'Invoke with {"consumer":"<name>"} to move its DLQ back to its queue',
  })
  new CfnOutput(stack, 'ReplayFunctionName', {
    value: replay.function.function.functionName,
    description: 'Invoke with a replay request (see README)',
  })
  new CfnOutput(stack, 'ReplayJobsTableName', {
    value: replay.jobs.table.tableName,
    description: 'Replay jobs (Event Studio lists them)',
  })
  new CfnOutput(stack, 'AlarmTopicArn', {
    value: monitoring.alarmTopic.topic.topicArn,
    description: 'Subscribe an endpoint to receive the alarms',
  })
  new CfnOutput(stack, 'DashboardName', { value: monitoring.dashboard.dashboardName })
}
