/**
 * The publish/read HTTP API: every route behind one authorizer, a throttled `$default` stage and
 * JSON access logs. Routes are the HTTP contract of DESIGN.md; unknown routes reach the read
 * function through `$default`, which answers 404 problem details.
 */
import {
  HttpApi,
  HttpMethod,
  type HttpRouteIntegration,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import { LogGroup, type LogGroupProps } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { accessLogFormat, throttleDefaults } from '../defaults/apigateway-defaults.ts'
import { logGroupDefaults } from '../defaults/logs-defaults.ts'
import { pascalCase } from './names.ts'

/** Properties of {@link EventsHttpApi}. */
export interface EventsHttpApiProps {
  /** Authorizer of every route, `$default` included. */
  readonly authorizer: IHttpRouteAuthorizer
  /**
   * The functions answering routes, with the route keys of each (`METHOD /path`, or `$default`),
   * from the function catalogue (`ApiRoutes` in `shared/topology/catalogue.ts`).
   */
  readonly routes: ReadonlyArray<{
    readonly name: string
    readonly function: IFunction
    readonly routeKeys: readonly string[]
  }>
  /**
   * Throttling of the `$default` stage.
   * @default - `throttleDefaults` (infra/defaults/apigateway-defaults.ts)
   */
  readonly throttle?: ThrottleSettings
  /**
   * Overrides of the access log group defaults.
   * @default - `logGroupDefaults`
   */
  readonly accessLogGroupProps?: LogGroupProps
}

/** HTTP API (payload format 2.0) in front of the publish and read functions. */
export class EventsHttpApi extends Construct {
  /** The API. */
  readonly api: HttpApi
  /** The `$default` stage, throttled and access-logged. */
  readonly stage: HttpStage
  /** Where access logs go. */
  readonly accessLogGroup: LogGroup

  constructor(scope: Construct, id: string, props: EventsHttpApiProps) {
    super(scope, id)
    const integrations = props.routes.map(({ name, function: fn, routeKeys }) => ({
      routeKeys,
      integration: new HttpLambdaIntegration(`${pascalCase(name)}Integration`, fn),
    }))
    const fallback = integrations.find((i) => i.routeKeys.includes('$default'))
    this.api = new HttpApi(this, 'Api', {
      description: 'Event Backbone: publish and read event streams',
      defaultAuthorizer: props.authorizer,
      ...(fallback ? { defaultIntegration: fallback.integration } : {}),
      // The implicit default stage takes no throttling or access log settings.
      createDefaultStage: false,
    })
    for (const { routeKeys, integration } of integrations) this.addRoutes(routeKeys, integration)
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      ...logGroupDefaults,
      ...props.accessLogGroupProps,
    })
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? throttleDefaults,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat(),
      },
    })
  }

  /** The stage's invoke URL. */
  get url(): string {
    return this.stage.url
  }

  private addRoutes(routeKeys: readonly string[], integration: HttpRouteIntegration) {
    for (const key of routeKeys) {
      if (key === '$default') continue
      const [method, path] = key.split(' ') as [keyof typeof HttpMethod, string]
      this.api.addRoutes({ path, methods: [HttpMethod[method]], integration })
    }
  }
}
