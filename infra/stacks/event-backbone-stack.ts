/**
 * The Event Backbone stack: event store, publish and read functions, HTTP API; fan-out (topics, relay,
 * consumer queues and functions); the redrive and replay functions an operator invokes; alarms and a
 * dashboard. Built from a declaration (`functions/backbone.ts` by default) through the function
 * catalogue the local runtime reads too.
 *
 * It composes constructs that own their defaults.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'
import type { Construct } from 'constructs'
import { backbone as declared } from '../../functions/backbone.ts'
import { DEFAULT_EVENT_SOURCE } from '../../shared/config.ts'
import { FrameworkTables, functionCatalogue, specOf } from '../../shared/topology/catalogue.ts'
import type { BackboneDeclaration, ConsumerDeclaration } from '../../shared/topology/declaration.ts'
import { catchUpRequests } from '../../shared/topology/start-position.ts'
import { createAuthorizer } from '../constructs/api-authorizer.ts'
import { type AuthorizerConfig, readAuthorizerConfig } from '../constructs/authorizer-config.ts'
import { BackboneFunction } from '../constructs/backbone-function.ts'
import { BackboneMonitoring } from '../constructs/backbone-monitoring.ts'
import { ConsumerCatchUps } from '../constructs/catch-up.ts'
import { DeploymentEnvironment } from '../constructs/deployment-environment.ts'
import { EventStore } from '../constructs/event-store.ts'
import { EventsHttpApi } from '../constructs/events-http-api.ts'
import { Fanout } from '../constructs/fanout.ts'
import { Redrive } from '../constructs/redrive.ts'
import { Replay } from '../constructs/replay.ts'
import { validateTopology } from '../constructs/topology-validation.ts'
import { addFanoutOutputs } from './fanout-outputs.ts'

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
   * Topics, routes, consumers, tables, relay settings and function entries.
   * @default - `functions/backbone.ts`
   */
  readonly backbone?: BackboneDeclaration
}

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
  /** The catch-up replays of consumers that start from history, started after deploy. */
  readonly catchUps: ConsumerCatchUps
  readonly monitoring: BackboneMonitoring

  constructor(scope: Construct, id: string, props: EventBackboneStackProps = {}) {
    super(scope, id, props)
    // Validated before anything is bundled, so a bad context fails in milliseconds.
    const authorizer = props.authorizer ?? readAuthorizerConfig(this.node)
    const declaration = props.backbone ?? declared
    validateTopology(declaration)
    const catalogue = functionCatalogue(declaration, {
      eventSource: props.eventSource ?? DEFAULT_EVENT_SOURCE,
    })
    const environment = new DeploymentEnvironment(this, declaration)
    this.eventStore = new EventStore(this, 'EventStore')
    environment.addTable(FrameworkTables.events, this.eventStore.table)
    const apiFunction = (id: string, name: string) => {
      const spec = specOf(catalogue, name)
      return new BackboneFunction(this, id, { spec, environment: environment.resolve(spec) })
    }
    this.publishFunction = apiFunction('Publish', 'publish')
    this.eventStore.grantAppend(this.publishFunction)
    this.readFunction = apiFunction('Read', 'read')
    this.eventStore.grantRead(this.readFunction)
    this.httpApi = new EventsHttpApi(this, 'HttpApi', {
      authorizer: createAuthorizer(authorizer),
      routes: [
        {
          name: 'publish',
          function: this.publishFunction.function,
          routeKeys: specOf(catalogue, 'publish').routes,
        },
        { name: 'read', function: this.readFunction.function, routeKeys: specOf(catalogue, 'read').routes },
      ],
      throttle: props.throttle,
    })
    this.fanout = new Fanout(this, 'Fanout', {
      eventStore: this.eventStore,
      declaration,
      catalogue,
      environment,
    })
    // The read function serves projections' active versions (`GET /projections/...`).
    const consumers: readonly ConsumerDeclaration[] = declaration.consumers
    for (const { projection } of consumers) {
      if (projection === undefined) continue
      // Its documents (any key) and its state item.
      this.fanout.tables.grantUse(this.readFunction, {
        table: projection.table,
        environment: 'PROJECTIONS',
        actions: ['GetItem'],
      })
    }
    this.redrive = new Redrive(this, 'Redrive', {
      fanout: this.fanout,
      spec: specOf(catalogue, 'redrive'),
      environment,
    })
    this.replay = new Replay(this, 'Replay', {
      eventStore: this.eventStore,
      fanout: this.fanout,
      spec: specOf(catalogue, 'replay'),
      environment,
    })
    this.catchUps = new ConsumerCatchUps(this, 'CatchUps', {
      requests: catchUpRequests(declaration),
      consumers: this.fanout.consumers,
      replay: this.replay,
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
    addFanoutOutputs(this, this)
  }

  private addOutputs(): void {
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Invoke URL of the HTTP API' })
    new CfnOutput(this, 'PublishFunctionName', { value: this.publishFunction.function.functionName })
    new CfnOutput(this, 'ReadFunctionName', { value: this.readFunction.function.functionName })
    new CfnOutput(this, 'EventsTableName', { value: this.eventStore.table.tableName })
  }
}
