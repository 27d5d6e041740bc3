/**
 * Every acknowledged validation finding of the app, with its reason, in one place so a review sees
 * them all. Each is applied to the narrowest construct that needs it (never to a stack or the app).
 */
import { type Acknowledgment, Validations } from 'aws-cdk-lib'
import type { IConstruct } from 'constructs'

/** The acknowledgements the backbone needs. */
export const Ack = {
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; AWS requires Resource "*". This policy holds only those two actions.',
  },
  relayFailureQueueHasNoDlq: {
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason:
      'The relay on-failure queue is itself the dead-letter store of the DynamoDB stream event source mapping; its messages are only pointers to stream records, kept 14 days for an operator to replay.',
  },
} as const satisfies Record<string, Acknowledgment>

/** Acknowledges `finding` on `scope` (and its children) only. */
export function acknowledge(scope: IConstruct, finding: Acknowledgment): void {
  Validations.of(scope).acknowledge(finding)
}
