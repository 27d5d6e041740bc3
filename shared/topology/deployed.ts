/**
 * The deployed topology, as functions receive it through their environment. The CDK stack and the
 * local runtime set the same three variables from the same declaration:
 *
 * - `TOPIC_ARNS`: `{ "<topic>": "<topic ARN>" }`
 * - `EVENT_ROUTES`: `{ "routes": { "<event type>": "<topic>" }, "defaultTopic": "<topic>" }`
 * - `CONSUMER_QUEUES`: `{ "<consumer>": { queueUrl, queueArn, dlqUrl, dlqArn, topic, filterPolicy? } }`
 *
 * Each loader checks that the variables agree with each other (every route and consumer names a topic
 * that has an ARN), so a function wired to half a deployment fails its cold start naming the variable.
 */
import * as z from 'zod/mini'
import { defineConfigSection, type Env, jsonVariable } from '../config.ts'
import { ConfigError } from '../errors.ts'
import type { BackboneDeclaration, FilterPolicy } from './declaration.ts'
import type { EventRoutes } from './routing.ts'

/** A consumer's queue and its dead-letter queue. */
export interface ConsumerQueues {
  queueUrl: string
  queueArn: string
  dlqUrl: string
  dlqArn: string
}

/** A deployed consumer: its queues, the topic it subscribes to and its subscription's filter policy. */
export interface DeployedConsumer extends ConsumerQueues {
  topic: string
  filterPolicy?: FilterPolicy
}

/** Everything a function may need to know about where events go. */
export interface DeployedTopology {
  topicArns: Record<string, string>
  routes: EventRoutes
  consumers: Record<string, DeployedConsumer>
}

const name = z.string().check(z.minLength(1))
const arn = z.string().check(z.startsWith('arn:'))

const topicArnsVariable = jsonVariable(z.record(name, arn))

const routesVariable = jsonVariable(z.object({ routes: z.record(name, name), defaultTopic: name }))

const consumersVariable = jsonVariable(
  z.record(
    name,
    z.object({
      queueUrl: z.url(),
      queueArn: arn,
      dlqUrl: z.url(),
      dlqArn: arn,
      topic: name,
      filterPolicy: z.optional(z.record(z.string(), z.array(z.unknown()))),
    }),
  ),
)

/** Loads `CONSUMER_QUEUES` alone (redrive needs nothing else). */
export const loadConsumerQueues = defineConfigSection(
  { CONSUMER_QUEUES: consumersVariable },
  (v): Record<string, DeployedConsumer> => v.CONSUMER_QUEUES,
)

/** Loads `TOPIC_ARNS` and `EVENT_ROUTES` (the relay's needs), checking every routed topic has an ARN. */
export const loadRouting = defineConfigSection(
  { TOPIC_ARNS: topicArnsVariable, EVENT_ROUTES: routesVariable },
  (v) => {
    const routed = [...Object.values(v.EVENT_ROUTES.routes), v.EVENT_ROUTES.defaultTopic]
    assertKnownTopics('EVENT_ROUTES', routed, v.TOPIC_ARNS)
    return { topicArns: v.TOPIC_ARNS, routes: v.EVENT_ROUTES }
  },
)

/** Loads all three variables (replay's needs), checking they agree. */
export function loadDeployedTopology(env: Env = process.env): DeployedTopology {
  const { topicArns, routes } = loadRouting(env)
  const consumers = loadConsumerQueues(env)
  assertKnownTopics(
    'CONSUMER_QUEUES',
    Object.values(consumers).map((c) => c.topic),
    topicArns,
  )
  return { topicArns, routes, consumers }
}

function assertKnownTopics(variable: string, topics: readonly string[], arns: Record<string, string>): void {
  const missing = [...new Set(topics.filter((t) => !Object.hasOwn(arns, t)))]
  if (missing.length > 0)
    throw new ConfigError(variable, `names topic(s) without an ARN in TOPIC_ARNS: ${missing.join(', ')}`)
}

/** The `EVENT_ROUTES` value of a declaration. */
export function eventRoutesOf(
  declaration: Pick<BackboneDeclaration, 'routes' | 'defaultTopic'>,
): EventRoutes {
  return { routes: { ...declaration.routes }, defaultTopic: declaration.defaultTopic }
}

/**
 * The deployed topology of `declaration` once its topics and queues exist: what the CDK stack and the
 * local runtime serialize into `TOPIC_ARNS`, `EVENT_ROUTES` and `CONSUMER_QUEUES`.
 */
export function deployedTopologyOf(
  declaration: Pick<BackboneDeclaration, 'routes' | 'defaultTopic' | 'consumers'>,
  topicArns: Record<string, string>,
  queues: Readonly<Record<string, ConsumerQueues>>,
): DeployedTopology {
  const consumers: Record<string, DeployedConsumer> = {}
  for (const consumer of declaration.consumers) {
    const own = queues[consumer.name]
    if (own === undefined) continue
    consumers[consumer.name] = {
      ...own,
      topic: consumer.topic,
      ...(consumer.filterPolicy ? { filterPolicy: consumer.filterPolicy } : {}),
    }
  }
  return { topicArns, routes: eventRoutesOf(declaration), consumers }
}
