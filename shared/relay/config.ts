import * as z from 'zod/mini'
import { defineConfigSection, type Env } from '../config.ts'
import { loadRouting } from '../topology/deployed.ts'
import { type EventRoutes, topicOf } from '../topology/routing.ts'

/** Settings of the relay function. */
export interface RelayConfig {
  /** ARN of every topic of the deployment, by topic name. */
  topicArns: Record<string, string>
  /** Which topic each event type goes to. */
  routes: EventRoutes
  /** `POWERTOOLS_METRICS_NAMESPACE` (default `EventBackbone`). */
  metricsNamespace: string
  /** `POWERTOOLS_SERVICE_NAME` (default `relay`). */
  serviceName: string
}

const loadObservability = defineConfigSection(
  {
    POWERTOOLS_METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1)), 'EventBackbone'),
    POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1)), 'relay'),
  },
  (v) => ({ metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE, serviceName: v.POWERTOOLS_SERVICE_NAME }),
)

/**
 * Loads `TOPIC_ARNS` and `EVENT_ROUTES` (see `shared/topology/deployed.ts`); throws `ConfigError`
 * naming the variable when one is missing, malformed, or routes to a topic without an ARN.
 */
export function loadRelayConfig(env: Env = process.env): RelayConfig {
  return { ...loadRouting(env), ...loadObservability(env) }
}

/** The topic ARN an event type is published to: its route, resolved through the deployed ARNs. */
export const topicArnResolver =
  (config: Pick<RelayConfig, 'topicArns' | 'routes'>) =>
  (type: string): string =>
    config.topicArns[topicOf(config.routes, type)] as string
