/**
 * The answer an AWS endpoint gives while it is unavailable: HTTP 503 `ServiceUnavailable`, in the
 * error shape of the protocol the request used, so the SDK parses it as it would on AWS (a retryable
 * server error with its code) instead of failing on an unexpected body.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** A complete HTTP answer. */
export interface CannedResponse {
  status: number
  headers: Record<string, string>
  body: string
}

const CODE = 'ServiceUnavailable'
const MESSAGE = 'The service is unavailable. Please try again later. (injected fault)'

/**
 * JSON protocols (SQS since 2023, DynamoDB, Lambda) send `application/x-amz-json-1.x`; SNS still
 * speaks the query protocol, form-encoded in and XML out.
 */
function isJsonProtocol(headers: IncomingHttpHeaders): boolean {
  return String(headers['content-type'] ?? '').startsWith('application/x-amz-json')
}

/** 503 ServiceUnavailable for a request with these headers. */
export function serviceUnavailable(headers: IncomingHttpHeaders): CannedResponse {
  const requestId = randomUUID()
  if (isJsonProtocol(headers)) {
    return {
      status: 503,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
        // SQS's JSON protocol is "query compatible": the SDK reads the legacy code from this header.
        'x-amzn-query-error': `${CODE};Receiver`,
      },
      body: JSON.stringify({ __type: CODE, message: MESSAGE }),
    }
  }
  return {
    status: 503,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">' +
      `<Error><Type>Receiver</Type><Code>${CODE}</Code><Message>${MESSAGE}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  }
}
