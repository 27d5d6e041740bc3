/** A stand-in function for the SQS event source mapping tests, and the checks they wait on. */
import type { TestContext } from 'node:test'
import type { SQSClient } from '@aws-sdk/client-sqs'
import type { SQSEvent } from 'aws-lambda'
import type { Invoke, InvokeResult } from '../../infra/local/lambda/types.ts'
import { queueCounts } from '../../infra/local/pollers/queue-counts.ts'
import { type SqsEventSourceOptions, startSqsEventSource } from '../../infra/local/pollers/sqs.ts'

/** A successful invocation with no partial batch response. */
export const OK: InvokeResult = { ok: true, result: null }

/** An invocation that failed as a thrown `Error(errorMessage)` would. */
export const functionError = (errorMessage: string): InvokeResult => ({
  ok: false,
  error: { errorType: 'Error', errorMessage },
})

/** An in-test function: records every event and answers what `decide` says. */
export function recordingFunction(
  decide: (event: SQSEvent, call: number) => InvokeResult | Promise<InvokeResult>,
) {
  const calls: SQSEvent[] = []
  const invoke: Invoke = async (_name, event) => {
    calls.push(event as SQSEvent)
    return decide(event as SQSEvent, calls.length)
  }
  const records = () => calls.flatMap((c) => c.Records)
  return { invoke, calls, records }
}

/** A check for `waitFor`: true once the queue holds nothing visible and nothing in flight. */
export const queueDrained = (sqs: SQSClient, queueUrl: string) => async (): Promise<boolean> => {
  const counts = await queueCounts(sqs, queueUrl)
  return counts.visible === 0 && counts.inFlight === 0
}

/** Starts a mapping of `queueUrl` to a function named `consumer`, stopped when test `t` ends. */
export function startTestMapping(
  t: TestContext,
  options: Pick<SqsEventSourceOptions, 'sqs' | 'queueUrl' | 'invoke' | 'logger'> &
    Partial<SqsEventSourceOptions>,
) {
  const mapping = startSqsEventSource({ functionName: 'consumer', ...options })
  t.after(() => mapping.stop())
  return mapping
}
