/**
 * The Event Backbone stack: event store, publish and read functions, HTTP API; fan-out (topics, relay,
 * consumer queues and functions) built from `infra/topology.ts`; the redrive and replay functions an
 * operator invokes; alarms and a dashboard.
 *
 * It composes constructs that own their defaults.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'
import type { Construct } from 'constructs'
import { createAuthorizer } from '../constructs/api-authorizer.ts'
import { type AuthorizerConfig, readAuthorizerConfig } from '../constructs/authorizer-config.ts'
import { BackboneFunction } from '../constructs/backbone-function.ts'
import { BackboneMonitoring } from '../constructs/backbone-monitoring.ts'
import { EventStore } from '../constructs/event-store.ts'
import { EventsHttpApi } from '../constructs/events-http-api.ts'
import { Fanout } from '../constructs/fanout.ts'
import { Redrive } from '../constructs/redrive.ts'
import { Replay } from '../constructs/replay.ts'
import { type Topology, validateTopology } from '../constructs/topology-validation.ts'
import { POWERTOOLS_METRICS_NAMESPACE } from '../defaults/lambda-defaults.ts'
import * as declared from '../topology.ts'
import { addFanoutOutputs } from './fanout-outputs.ts'
import { projectPath } from './project-root.ts'

/** Properties of {@link EventBackboneStack}. */
export interface EventBackboneStackProps extends StackProps {
  /**
   * Authorizer of the HTTP API.
   * @default - from CDK context (`authorizer`, `jwtIssuer`, `jwtAudience`), IAM when absent
   */
  readonly authorizer?: AuthorizerConfig
  /**
   * CloudEvents `source` of every event this deployment emits.
   * @default 'urn:event-backbone'
   */
  readonly eventSource?: string
  /**
   * Throttling of the API's `$default` stage.
   * @default - `throttleDefaults` (infra/defaults/apigateway-defaults.ts)
   */
  readonly throttle?: ThrottleSettings
  /**
   * Topics, consumers and relay settings.
   * @default - `infra/topology.ts`
   */
  readonly topology?: Topology
}

/** Powertools service name of the API functions. */
const POWERTOOLS_SERVICE_NAME = 'event-backbone'

/** Event store, publish/read API, fan-out, redrive, replay, monitoring. */
export class EventBackboneStack extends Stack {
  /** The events table and its key; fan-out's relay reads its stream. */
  readonly eventStore: EventStore
  readonly publishFunction: BackboneFunction
  readonly readFunction: BackboneFunction
  readonly httpApi: EventsHttpApi
  /** Topics, relay and consumers. */
  readonly fanout: Fanout
  readonly redrive: Redrive
  readonly replay: Replay
  readonly monitoring: BackboneMonitoring

  constructor(scope: Construct, id: string, props: EventBackboneStackProps = {}) {
    super(scope, id, props)
    // Validated before anything is bundled, so a bad context fails in milliseconds.
    const authorizer = props.authorizer ?? readAuthorizerConfig(this.node)
    const topology = props.topology ?? declared
    validateTopology(topology)
    this.eventStore = new EventStore(this, 'EventStore')
    const eventSource = props.eventSource ?? 'urn:event-backbone'
    const environment = {
      EVENTS_TABLE_NAME: this.eventStore.table.tableName,
      EVENT_SOURCE: eventSource,
      POWERTOOLS_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE,
    }
    this.publishFunction = new BackboneFunction(this, 'Publish', {
      entry: projectPath('functions/publish.ts'),
      description: 'Event Backbone publish: validates and appends events to the event store',
      functionProps: { environment },
    })
    this.eventStore.grantAppend(this.publishFunction)
    this.readFunction = new BackboneFunction(this, 'Read', {
      entry: projectPath('functions/read.ts'),
      description: 'Event Backbone read: pages streams and folds their current state',
      functionProps: { environment },
    })
    this.eventStore.grantRead(this.readFunction)
    this.httpApi = new EventsHttpApi(this, 'HttpApi', {
      authorizer: createAuthorizer(authorizer),
      publishFunction: this.publishFunction.function,
      readFunction: this.readFunction.function,
      throttle: props.throttle,
    })
    this.fanout = new Fanout(this, 'Fanout', { eventStore: this.eventStore, topology, eventSource })
    this.redrive = new Redrive(this, 'Redrive', { fanout: this.fanout })
    this.replay = new Replay(this, 'Replay', {
      eventStore: this.eventStore,
      fanout: this.fanout,
      eventSource,
    })
    this.monitoring = new BackboneMonitoring(this, 'Monitoring', {
      fanout: this.fanout,
      functions: {
        publish: this.publishFunction,
        read: this.readFunction,
        redrive: this.redrive.function,
        replay: this.replay.function,
      },
    })
    this.addOutputs()
    addFanoutOutputs(this)
  }

  private addOutputs(): void {
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Invoke URL of the HTTP API' })
    new CfnOutput(this, 'PublishFunctionName', { value: this.publishFunction.function.functionName })
    new CfnOutput(this, 'ReadFunctionName', { value: this.readFunction.function.functionName })
    new CfnOutput(this, 'EventsTableName', { value: this.eventStore.table.tableName })
  }
}
