/**
 * The Lambda context object a handler receives, built inside the worker for each invocation.
 */
import type { Context } from 'aws-lambda'
import type { InvokeMessage, WorkerInit } from './protocol.ts'

function deprecated(name: string): () => never {
  return () => {
    // Removed from the Node.js 24 runtime along with callback handlers: fail loudly, as AWS does.
    throw new Error(`context.${name}() is not supported by the nodejs24.x runtime; return or throw instead`)
  }
}

/** A fresh context for one invocation; getRemainingTimeInMillis counts down to the host's deadline. */
export function createContext(init: WorkerInit, message: InvokeMessage): Context {
  return {
    awsRequestId: message.awsRequestId,
    functionName: init.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: init.invokedFunctionArn,
    memoryLimitInMB: init.memoryLimitInMB,
    logGroupName: init.logGroupName,
    logStreamName: init.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
    done: deprecated('done'),
    fail: deprecated('fail'),
    succeed: deprecated('succeed'),
  }
}
