/**
 * HTTP API defaults: stage throttling and a JSON access log line per request. HTTP APIs have no
 * WAF or caching; throttling on the stage is the first line of defence for the store behind it.
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'

/**
 * Default stage throttling: far below the account's 10,000 rps so one API cannot starve the others
 * in the region; raise it per deployment through the stack props.
 */
export const throttleDefaults = {
  rateLimit: 500,
  burstLimit: 1000,
} as const satisfies ThrottleSettings

/**
 * One JSON object per request, using the HTTP API (v2) `$context` variables. The authorizer fields
 * cover both authorizers: `userArn` for IAM, the `sub` claim for JWT.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  userArn: '$context.identity.userArn',
  jwtSubject: '$context.authorizer.claims.sub',
} as const

/** The access log format built from {@link accessLogFields}. */
export function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(JSON.stringify(accessLogFields))
}
