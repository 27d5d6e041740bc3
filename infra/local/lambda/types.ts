/**
 * The contract between the local Lambda host and everything that invokes functions through it
 * (HTTP API, Invoke API, event source pollers). Kept in one tiny file so each part can be built
 * and tested on its own.
 */

/** How a function is declared to the local runtime, mirroring the Lambda function settings. */
export interface FunctionDefinition {
  /** Function name, as `aws lambda invoke --function-name` uses it. */
  name: string
  /** Absolute path of the TypeScript/JavaScript module that exports the handler. */
  entry: string
  /** Exported handler name; defaults to `handler`. */
  handler?: string
  /** Environment variables the function sees, on top of the Lambda-provided ones. */
  environment?: Record<string, string>
  /** Timeout in seconds (Lambda default 3). */
  timeoutSeconds?: number
  /** Memory in MB (informational locally, exposed as AWS_LAMBDA_FUNCTION_MEMORY_SIZE). */
  memoryMb?: number
  /** Maximum concurrent invocations (reserved concurrency); defaults to 10. */
  concurrency?: number
}

/** A function error as Lambda reports it in the Invoke response body. */
export interface FunctionError {
  errorType: string
  errorMessage: string
  trace?: string[]
}

/** Outcome of one invocation: either a result or a function error, never a thrown exception. */
export type InvokeResult = { ok: true; result: unknown } | { ok: false; error: FunctionError }

/** Invokes a registered function by name with a JSON-serialisable event. */
export type Invoke = (functionName: string, event: unknown) => Promise<InvokeResult>
