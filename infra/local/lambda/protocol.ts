/**
 * Messages between the host (main thread) and a function's worker thread. Events and results cross
 * the boundary as JSON strings, so a handler sees exactly what a JSON round trip through Lambda gives
 * it (no Dates, no prototypes, no shared references).
 */
import type { FunctionError } from './types.ts'

/** What a worker needs to load the function and build its context; passed as `workerData`. */
export interface WorkerInit {
  /** file: URL of the module to import. */
  entryUrl: string
  handler: string
  /** `_HANDLER`-style name for error messages, e.g. `publish.handler`. */
  handlerName: string
  functionName: string
  invokedFunctionArn: string
  memoryLimitInMB: string
  logGroupName: string
  logStreamName: string
}

/** Host → worker: run the handler once. */
export interface InvokeMessage {
  type: 'invoke'
  awsRequestId: string
  /** Epoch milliseconds at which the host will kill the invocation; feeds getRemainingTimeInMillis. */
  deadlineMs: number
  eventJson: string
}

/** Worker → host. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | { type: 'result'; awsRequestId: string; ok: true; json: string }
  | { type: 'result'; awsRequestId: string; ok: false; error: FunctionError }
