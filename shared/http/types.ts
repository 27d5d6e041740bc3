import type { Request } from '@middy/core'
import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda'

/** What API Gateway puts in `requestContext.authorizer` for a JWT (or IAM) authorized route. */
export interface HttpAuthorizer {
  jwt?: { claims?: Record<string, unknown>; scopes?: string[] | null }
  iam?: Record<string, unknown>
}

/**
 * An HTTP API payload format 2.0 event. `body`, `pathParameters` and `queryStringParameters` are
 * loosely typed because the JSON body and validation middlewares replace them with parsed values
 * (middy's convention).
 */
export type HttpEvent = Omit<
  APIGatewayProxyEventV2WithRequestContext<APIGatewayEventRequestContextV2 & { authorizer?: HttpAuthorizer }>,
  'body' | 'pathParameters' | 'queryStringParameters'
> & {
  body?: unknown
  pathParameters?: Record<string, unknown>
  queryStringParameters?: Record<string, unknown>
}

/** The response every HTTP function returns. */
export type HttpResult = APIGatewayProxyStructuredResultV2

/** Tracing values of one request, carried into the metadata of the events it appends. */
export interface Correlation {
  /** `x-correlation-id` request header when well-formed, else the API Gateway request id. */
  correlationId: string
  /** What caused the events: the API Gateway request id. */
  causationId: string
  /** W3C trace context of this request's span. */
  traceparent: string
}

/** The Lambda context as HTTP handlers see it: the correlation middleware adds `correlation`. */
export type HttpContext = Context & { correlation?: Correlation }

/** Per-request state the HTTP middlewares share through `request.internal`. */
export interface HttpInternal extends Record<string, unknown> {
  correlation?: Correlation
}

/** The middy request of the HTTP functions. */
export type HttpRequest = Request<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal>
