import * as z from 'zod/mini'
import { type TopicName, topicFor, topics } from '../../infra/topology.ts'
import { defineConfigSection, jsonVariable } from '../config.ts'

const topicArns = jsonVariable(z.record(z.string(), z.string().check(z.startsWith('arn:')))).check(
  z.superRefine((arns, ctx) => {
    const missing = topics.map((t) => t.name).filter((name) => arns[name] === undefined)
    if (missing.length > 0)
      ctx.addIssue({ code: 'custom', message: `no ARN for topic(s) ${missing.join(', ')}` })
  }),
)

/** Settings of the relay function. */
export interface RelayConfig {
  /** ARN of every topology topic, by topic name. */
  topicArns: Record<TopicName, string>
  /** `POWERTOOLS_METRICS_NAMESPACE` (default `EventBackbone`). */
  metricsNamespace: string
  /** `POWERTOOLS_SERVICE_NAME` (default `relay`). */
  serviceName: string
}

/**
 * Loads `TOPIC_ARNS`, a JSON object `{ "<topic name>": "<topic ARN>" }` with an entry for every topic
 * of `infra/topology.ts` (throws `ConfigError` naming the variable and the missing topics).
 */
export const loadRelayConfig = defineConfigSection(
  {
    TOPIC_ARNS: topicArns,
    POWERTOOLS_METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1)), 'EventBackbone'),
    POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1)), 'relay'),
  },
  (v): RelayConfig => ({
    topicArns: v.TOPIC_ARNS as Record<TopicName, string>,
    metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE,
    serviceName: v.POWERTOOLS_SERVICE_NAME,
  }),
)

/** The topic ARN an event type is published to: its topology route, resolved through the config. */
export const topicArnResolver =
  (config: RelayConfig) =>
  (type: string): string =>
    config.topicArns[topicFor(type)]
