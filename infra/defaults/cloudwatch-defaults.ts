/**
 * Alarm and dashboard defaults. Thresholds are where an operator should look, not where things are
 * already broken: one message in a DLQ, a queue falling minutes behind, a stream relay lagging.
 */
import { Duration } from 'aws-cdk-lib'
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch'

/**
 * Alarm settings. SQS and Lambda publish these metrics once a minute, so one-minute periods see a
 * problem within a couple of minutes; idle queues publish nothing, which is not a breach.
 */
export const alarmDefaults = {
  period: Duration.minutes(1),
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
} as const

/** Alarm thresholds. */
export const alarmThresholds = {
  /** Any message in a DLQ (or the relay's on-failure queue) is something that needs an operator. */
  deadLetterMessages: 0,
  /**
   * Oldest message of a consumer queue, in seconds: 10 minutes is far beyond a healthy consumer's
   * latency, yet well before messages near the 4-day default retention.
   */
  oldestMessageAgeSeconds: 600,
  /**
   * Relay iterator age, in milliseconds: 5 minutes behind the stream. Records live 24 h; past that
   * they are gone, so lag must page long before.
   */
  relayIteratorAgeMs: 300_000,
  /** Function errors (invocations that threw or timed out) per period. */
  functionErrors: 0,
} as const

/** Dashboard layout. */
export const dashboardDefaults = {
  widgetWidth: 8,
  widgetHeight: 6,
  period: Duration.minutes(1),
} as const
