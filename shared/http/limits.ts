/**
 * Largest request body the HTTP functions accept, in bytes of the decoded body: 1 MiB.
 *
 * Why 1 MiB: each event's envelope must fit one SNS message (256 KiB, checked per event by publish),
 * and one request is one DynamoDB transaction (4 MB in total, 400 KB per item). 1 MiB leaves room
 * for several large events or many small ones while keeping a request far below the transaction
 * limit, Lambda's 6 MB synchronous payload and API Gateway's 10 MB body limit.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024
