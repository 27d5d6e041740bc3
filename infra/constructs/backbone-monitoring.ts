/**
 * Alarms and a dashboard over what shows the backbone is losing ground: messages in a DLQ or in the
 * relay's on-failure queue, a consumer queue falling behind, the relay lagging the stream, and
 * functions that throw. Every alarm notifies the alarm topic.
 */
import { Duration } from 'aws-cdk-lib'
import { Alarm, Dashboard, GraphWidget, type IMetric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch'
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions'
import { Construct } from 'constructs'
import { alarmDefaults, alarmThresholds, dashboardDefaults } from '../defaults/cloudwatch-defaults.ts'
import { AlarmTopic } from './alarm-topic.ts'
import type { BackboneFunction } from './backbone-function.ts'
import type { Fanout } from './fanout.ts'
import { pascalCase } from './names.ts'

/** Properties of {@link BackboneMonitoring}. */
export interface BackboneMonitoringProps {
  readonly fanout: Fanout
  /** Functions outside the fan-out whose errors alarm too (publish, read, redrive, replay), by name. */
  readonly functions: Readonly<Record<string, BackboneFunction>>
}

/** Alarm topic, alarms and dashboard. */
export class BackboneMonitoring extends Construct {
  readonly alarmTopic: AlarmTopic
  readonly alarms: Alarm[] = []
  readonly dashboard: Dashboard

  constructor(scope: Construct, id: string, props: BackboneMonitoringProps) {
    super(scope, id)
    const { fanout } = props
    const { period } = alarmDefaults
    this.alarmTopic = new AlarmTopic(this, 'Alarms')
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) })
    for (const { declaration, queues, function: fn } of fanout.consumers) {
      const name = declaration.name
      const dlqDepth = queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period,
        statistic: 'Maximum',
      })
      const oldest = queues.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' })
      const errors = fn.function.metricErrors({ period, statistic: 'Sum' })
      this.alarm(`${name} DLQ holds messages`, dlqDepth, alarmThresholds.deadLetterMessages)
      this.alarm(`${name} queue falls behind`, oldest, alarmThresholds.oldestMessageAgeSeconds)
      this.alarm(`${name} function errors`, errors, alarmThresholds.functionErrors)
      this.row(`Consumer ${name}`, [
        graph('Queue depth', [queues.queue.metricApproximateNumberOfMessagesVisible({ period }), dlqDepth]),
        graph('Oldest message (s)', [oldest]),
        graph('Invocations and errors', [fn.function.metricInvocations({ period }), errors]),
      ])
    }
    this.addRelay(fanout)
    const named = Object.entries(props.functions)
    for (const [name, fn] of named)
      this.alarm(
        `${name} function errors`,
        fn.function.metricErrors({ period, statistic: 'Sum' }),
        alarmThresholds.functionErrors,
      )
    this.row('API and operator functions', [
      graph(
        'Errors',
        named.map(([, fn]) => fn.function.metricErrors({ period, statistic: 'Sum' })),
      ),
      graph(
        'Duration p99 (ms)',
        named.map(([, fn]) => fn.function.metricDuration({ period, statistic: 'p99' })),
      ),
    ])
  }

  private addRelay({ relay }: Fanout): void {
    const { period } = alarmDefaults
    const fn = relay.function.function
    const iteratorAge = fn.metric('IteratorAge', { period, statistic: 'Maximum' })
    const failures = relay.failureQueue.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    })
    const errors = fn.metricErrors({ period, statistic: 'Sum' })
    this.alarm('relay lags the event stream', iteratorAge, alarmThresholds.relayIteratorAgeMs)
    this.alarm('relay gave up on stream records', failures, alarmThresholds.deadLetterMessages)
    this.alarm('relay function errors', errors, alarmThresholds.functionErrors)
    this.row('Relay', [
      graph('Iterator age (ms)', [iteratorAge]),
      graph('On-failure queue depth', [failures]),
      graph('Invocations and errors', [fn.metricInvocations({ period }), errors]),
    ])
  }

  private alarm(description: string, metric: IMetric, threshold: number): void {
    const { period: _period, ...settings } = alarmDefaults
    const alarm = new Alarm(this, pascalCase(description), {
      ...settings,
      metric,
      threshold,
      alarmDescription: `Event Backbone: ${description}`,
    })
    alarm.addAlarmAction(new SnsAction(this.alarmTopic.topic))
    this.alarms.push(alarm)
  }

  private row(title: string, widgets: GraphWidget[]): void {
    this.dashboard.addWidgets(new TextWidget({ markdown: `## ${title}`, width: 24, height: 1 }))
    this.dashboard.addWidgets(...widgets)
  }
}

function graph(title: string, left: IMetric[]): GraphWidget {
  return new GraphWidget({
    title,
    left,
    width: dashboardDefaults.widgetWidth,
    height: dashboardDefaults.widgetHeight,
    period: dashboardDefaults.period,
  })
}
