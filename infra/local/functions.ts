/**
 * The functions the local stack runs, from the catalogue the CDK stack builds from too: the same
 * entries, timeouts, memory and variables, with the variables pointing at the embedded engines.
 */

import { deployedProjectionsOf } from '../../shared/projection/config.ts'
import {
  type FunctionSpec,
  type ResourceSource,
  resolveEnvironment,
} from '../../shared/topology/catalogue.ts'
import { deployedTopologyOf } from '../../shared/topology/deployed.ts'
import { type BackboneDeclaration, functionCatalogueOf } from './declaration.ts'
import type { FunctionDefinition } from './lambda/types.ts'
import type { FanoutResources } from './resources/fanout.ts'
import { projectPath } from './settings.ts'

/** Endpoints of the embedded engines and of the local Lambda Invoke API. */
export interface LocalEndpoints {
  dynamodb: string
  snsSqs: string
  /** SNS endpoint when it differs from `snsSqs` (a fault-injection proxy in tests). */
  sns?: string
  lambda: string
}

/** Log level of the functions' Powertools loggers; quiet by default so `npm start` stays readable. */
const logLevel = () => process.env.BACKBONE_LOG_LEVEL ?? 'WARN'

/** What only the local runtime sets: the engines' endpoints, quieter logs, no EMF on stdout. */
function localEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SNS: endpoints.sns ?? endpoints.snsSqs,
    AWS_ENDPOINT_URL_SQS: endpoints.snsSqs,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    POWERTOOLS_LOG_LEVEL: logLevel(),
    // EMF lines on stdout are for CloudWatch; locally they would drown the console.
    POWERTOOLS_METRICS_DISABLED: process.env.BACKBONE_METRICS === '1' ? 'false' : 'true',
  }
}

/** A catalogue entry as the local Lambda host registers it. */
function localFunction(
  spec: FunctionSpec,
  endpoints: LocalEndpoints,
  values: (source: ResourceSource) => string,
): FunctionDefinition {
  const concurrency = spec.concurrency ?? spec.queueSource?.maxConcurrency
  return {
    name: spec.name,
    entry: projectPath(spec.entry),
    timeoutSeconds: spec.timeoutSeconds,
    memoryMb: spec.memoryMb,
    ...(concurrency === undefined ? {} : { concurrency }),
    environment: { ...localEnvironment(endpoints), ...resolveEnvironment(spec, values) },
  }
}

/** Every function of `declaration`, as the local host registers them. Local tables are named as declared. */
export function localFunctions(
  declaration: BackboneDeclaration,
  endpoints: LocalEndpoints,
  fanout: FanoutResources,
): FunctionDefinition[] {
  const deployed = deployedTopologyOf(declaration, fanout.topicArns, fanout.consumerQueues)
  const json = {
    topicArns: JSON.stringify(deployed.topicArns),
    routes: JSON.stringify(deployed.routes),
    consumers: JSON.stringify(deployed.consumers),
    // Local tables and functions are named as declared.
    projections: JSON.stringify(
      deployedProjectionsOf(
        declaration,
        (t) => t,
        (c) => c,
      ),
    ),
  }
  return functionCatalogueOf(declaration).map((spec) =>
    localFunction(spec, endpoints, (source) => {
      if ('table' in source) return source.table
      if ('topology' in source) return json[source.topology]
      const queues = fanout.consumerQueues[source.dlqOf]
      if (queues === undefined) throw new Error(`no queues were created for consumer ${source.dlqOf}`)
      return queues.dlqUrl
    }),
  )
}
