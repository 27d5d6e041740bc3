/**
 * Entry of one execution environment: a worker thread that imports the function once (the init phase)
 * and then runs one invocation at a time for as long as the host keeps it warm.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createContext } from './context.ts'
import {
  handlerNotFoundError,
  importError,
  MAX_RESPONSE_BYTES,
  responseTooLargeError,
  stringifyError,
  toFunctionError,
} from './function-errors.ts'
import type { InvokeMessage, WorkerInit, WorkerMessage } from './protocol.ts'
import type { FunctionError } from './types.ts'

type Handler = (event: unknown, context: unknown) => unknown

const init = workerData as WorkerInit
const port = parentPort
if (port === null) throw new Error('worker.ts must run inside a worker thread')

function post(message: WorkerMessage): void {
  port?.postMessage(message)
}

async function loadHandler(): Promise<Handler | FunctionError> {
  let module: Record<string, unknown>
  try {
    module = await import(init.entryUrl)
  } catch (error) {
    return importError(error)
  }
  const handler = module[init.handler]
  return typeof handler === 'function' ? (handler as Handler) : handlerNotFoundError(init.handlerName)
}

function serialise(result: unknown): { json: string } | { error: FunctionError } {
  let json: string
  try {
    // The runtime sends `null` for a handler that returns nothing.
    json = JSON.stringify(result === undefined ? null : result)
  } catch {
    return { error: stringifyError() }
  }
  const bytes = Buffer.byteLength(json)
  return bytes > MAX_RESPONSE_BYTES ? { error: responseTooLargeError(bytes) } : { json }
}

async function run(handler: Handler, message: InvokeMessage): Promise<void> {
  const { awsRequestId } = message
  try {
    const result = await handler(JSON.parse(message.eventJson), createContext(init, message))
    const outcome = serialise(result)
    if ('json' in outcome) post({ type: 'result', awsRequestId, ok: true, json: outcome.json })
    else post({ type: 'result', awsRequestId, ok: false, error: outcome.error })
  } catch (error) {
    post({ type: 'result', awsRequestId, ok: false, error: toFunctionError(error) })
  }
}

const loaded = await loadHandler()
if (typeof loaded === 'function') {
  port.on('message', (message: InvokeMessage) => void run(loaded, message))
  post({ type: 'ready' })
} else {
  post({ type: 'init-error', error: loaded })
}
