/**
 * The Event Backbone stack: event store, publish and read functions, HTTP API.
 *
 * It composes constructs that own their defaults; fan-out (topics, queues, relay, consumers) will be
 * one more construct built from `infra/topology.ts` and given {@link EventBackboneStack.eventStore}.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'
import type { Construct } from 'constructs'
import { createAuthorizer } from '../constructs/api-authorizer.ts'
import { type AuthorizerConfig, readAuthorizerConfig } from '../constructs/authorizer-config.ts'
import { BackboneFunction } from '../constructs/backbone-function.ts'
import { EventStore } from '../constructs/event-store.ts'
import { EventsHttpApi } from '../constructs/events-http-api.ts'
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
}

/** Powertools settings shared by the API functions. */
const POWERTOOLS_SERVICE_NAME = 'event-backbone'
const POWERTOOLS_METRICS_NAMESPACE = 'EventBackbone'

/** Event store + publish/read API. */
export class EventBackboneStack extends Stack {
  /** The events table and its key; fan-out's relay reads its stream. */
  readonly eventStore: EventStore
  readonly publishFunction: BackboneFunction
  readonly readFunction: BackboneFunction
  readonly httpApi: EventsHttpApi

  constructor(scope: Construct, id: string, props: EventBackboneStackProps = {}) {
    super(scope, id, props)
    // Validated before anything is bundled, so a bad context fails in milliseconds.
    const authorizer = props.authorizer ?? readAuthorizerConfig(this.node)
    this.eventStore = new EventStore(this, 'EventStore')
    const environment = {
      EVENTS_TABLE_NAME: this.eventStore.table.tableName,
      EVENT_SOURCE: props.eventSource ?? 'urn:event-backbone',
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
    this.addOutputs()
  }

  private addOutputs(): void {
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Invoke URL of the HTTP API' })
    new CfnOutput(this, 'PublishFunctionName', { value: this.publishFunction.function.functionName })
    new CfnOutput(this, 'ReadFunctionName', { value: this.readFunction.function.functionName })
    new CfnOutput(this, 'EventsTableName', { value: this.eventStore.table.tableName })
  }
}
