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

/** Properties of {@link EventsHttpApi}. */
export interface EventsHttpApiProps {
  /** Authorizer of every route, `$default` included. */
  readonly authorizer: IHttpRouteAuthorizer
  /** Handles `POST /streams/{streamId}/events`. */
  readonly publishFunction: IFunction
  /** Handles the GET routes and `$default`. */
  readonly readFunction: IFunction
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

/** The routes of the API and which function answers each. */
export const EventsApiRoutes = {
  publish: [{ path: '/streams/{streamId}/events', method: HttpMethod.POST }],
  read: [
    { path: '/streams/{streamId}/events', method: HttpMethod.GET },
    { path: '/streams/{streamId}', method: HttpMethod.GET },
  ],
} as const

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
    const read = new HttpLambdaIntegration('ReadIntegration', props.readFunction)
    const publish = new HttpLambdaIntegration('PublishIntegration', props.publishFunction)
    this.api = new HttpApi(this, 'Api', {
      description: 'Event Backbone: publish and read event streams',
      defaultAuthorizer: props.authorizer,
      defaultIntegration: read,
      // The implicit default stage takes no throttling or access log settings.
      createDefaultStage: false,
    })
    this.addRoutes(EventsApiRoutes.publish, publish)
    this.addRoutes(EventsApiRoutes.read, read)
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

  private addRoutes(
    routes: readonly { path: string; method: HttpMethod }[],
    integration: HttpRouteIntegration,
  ) {
    for (const { path, method } of routes) this.api.addRoutes({ path, methods: [method], integration })
  }
}
