/**
 * The function errors Lambda reports in an Invoke response, with Lambda's own error types and
 * wording, so code and tests written against the local runtime see what they would see on AWS.
 */
import type { FunctionError } from './types.ts'

/** Lambda caps a synchronous response at 6 MB (6,291,556 bytes, as its error message says). */
export const MAX_RESPONSE_BYTES = 6_291_556

/** A value thrown by a handler, as the Node.js runtime serialises it. */
export function toFunctionError(thrown: unknown): FunctionError {
  if (thrown instanceof Error) {
    return {
      errorType: thrown.name,
      errorMessage: thrown.message,
      trace: (thrown.stack ?? '').split('\n').filter((line) => line !== ''),
    }
  }
  // The runtime reports a thrown non-Error by its typeof, e.g. `throw 'boom'` → errorType "string".
  return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] }
}

/** The handler did not settle before the function timeout. */
export function timeoutError(timeoutSeconds: number): FunctionError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  }
}

/** The execution environment died mid-invocation (process.exit, uncaught exception, out of memory). */
export function exitError(awsRequestId: string, reason: string): FunctionError {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${awsRequestId} Error: Runtime exited with error: ${reason}`,
  }
}

/** The handler's result cannot be turned into JSON (a BigInt, a cycle). */
export function stringifyError(): FunctionError {
  return { errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body' }
}

/** The handler's result is over Lambda's synchronous response limit. */
export function responseTooLargeError(bytes: number): FunctionError {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  }
}

/**
 * The module could not be imported. Like the Node.js runtime, only a syntax error and a missing module
 * get a Runtime.* type; anything the module throws while initialising is reported as it is.
 */
export function importError(thrown: unknown): FunctionError {
  const error = toFunctionError(thrown)
  const code = (thrown as { code?: unknown } | undefined)?.code
  const runtimeType =
    error.errorType === 'SyntaxError'
      ? 'Runtime.UserCodeSyntaxError'
      : code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
        ? 'Runtime.ImportModuleError'
        : undefined
  if (runtimeType === undefined) return error
  return { ...error, errorType: runtimeType, errorMessage: `${error.errorType}: ${error.errorMessage}` }
}

/** The module loaded but does not export the configured handler function. */
export function handlerNotFoundError(handlerName: string): FunctionError {
  return { errorType: 'Runtime.HandlerNotFound', errorMessage: `${handlerName} is undefined or not exported` }
}
