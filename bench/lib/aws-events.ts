/**
 * AWS's own event samples (test/fixtures/aws-events) and a Lambda-like context, so in-process
 * handlers get the shapes Lambda gives them.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Context } from 'aws-lambda'
import type { HttpEvent } from '../../shared/http/types.ts'

const FIXTURES = new URL('../../test/fixtures/aws-events/', import.meta.url)

/** One parsed sample, e.g. `loadSample('sqs-base.json')`. */
export function loadSample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'))
}

/** A context for one invocation of `functionName` with `timeoutMs` to run. */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs
  const refuse = () => {
    throw new Error('not supported by the nodejs24.x runtime')
  }
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/01/01/[$LATEST]bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: refuse,
    fail: refuse,
    succeed: refuse,
  }
}

const httpSample = loadSample('apigw-http-iam-auth.json') as HttpEvent & {
  requestContext: { http: Record<string, string> }
}

/** `POST /streams/{streamId}/events` with `body`, as API Gateway (payload 2.0, IAM auth) sends it. */
export function publishRequest(streamId: string, body: unknown, headers: Record<string, string> = {}) {
  const path = `/streams/${streamId}/events`
  return {
    ...httpSample,
    routeKey: 'POST /streams/{streamId}/events',
    rawPath: path,
    rawQueryString: '',
    headers: { ...httpSample.headers, 'content-type': 'application/json', ...headers },
    pathParameters: { streamId },
    requestContext: {
      ...httpSample.requestContext,
      requestId: randomUUID(),
      http: { ...httpSample.requestContext.http, method: 'POST', path },
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as HttpEvent
}

/** `GET /streams/{streamId}`, the state read, as API Gateway (payload 2.0, IAM auth) sends it. */
export function readStateRequest(streamId: string) {
  const path = `/streams/${streamId}`
  return {
    ...httpSample,
    routeKey: 'GET /streams/{streamId}',
    rawPath: path,
    rawQueryString: '',
    headers: { ...httpSample.headers },
    pathParameters: { streamId },
    queryStringParameters: undefined,
    requestContext: {
      ...httpSample.requestContext,
      requestId: randomUUID(),
      http: { ...httpSample.requestContext.http, method: 'GET', path },
    },
    body: undefined,
    isBase64Encoded: false,
  } as HttpEvent
}
