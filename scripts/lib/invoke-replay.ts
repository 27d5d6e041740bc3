/**
 * Invokes the local replay function through the Invoke API (`npm start` must be running), as
 * `npm run replay` and `npm run rebuild` do: both send it a JSON request and read its answer or error.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { LOCAL_REGION, localClientConfig } from '../../infra/local/clients.ts'
import { localPorts } from '../../infra/local/settings.ts'

/** The function's answer, or the error it failed with (a refused request names the field). */
export type InvokeOutcome<T> =
  | { ok: true; status: T }
  | { ok: false; errorType: string; errorMessage: string }

/** The local Invoke API's address, for messages. */
export const endpoint = `http://127.0.0.1:${localPorts().lambda}`
const lambda = new LambdaClient(localClientConfig(endpoint, process.env.AWS_REGION ?? LOCAL_REGION))

export async function invokeReplay<T>(request: unknown): Promise<InvokeOutcome<T>> {
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: 'replay', Payload: Buffer.from(JSON.stringify(request)) }),
  )
  const body = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null')
  if (out.FunctionError) return { ok: false, errorType: body?.errorType, errorMessage: body?.errorMessage }
  return { ok: true, status: body as T }
}

/** Lets the process exit once the command is done (the client keeps sockets open). */
export const closeInvokeClient = (): void => lambda.destroy()

/** The line to print for a failed invocation; a refused connection means no local stack is running. */
export function describeFailure(outcome: { errorType: string; errorMessage: string }): string {
  const line = `${outcome.errorType}: ${outcome.errorMessage}`
  return outcome.errorMessage.includes('ECONNREFUSED')
    ? `${line} (${endpoint})\nIs the local stack running (npm start)?`
    : line
}

/** An invocation left running while its job is polled; `outcome()` is set once it has settled. */
export interface StartedInvocation<T> {
  readonly settled: Promise<void>
  outcome(): InvokeOutcome<T> | undefined
}

/** Starts `request` without waiting for it (a long job answers only at the function's deadline). */
export function startInvocation<T>(request: unknown): StartedInvocation<T> {
  let outcome: InvokeOutcome<T> | undefined
  const settled = invokeReplay<T>(request).then(
    (answer) => {
      outcome = answer
    },
    (error: Error) => {
      outcome = { ok: false, errorType: error.name, errorMessage: error.message }
    },
  )
  return { settled, outcome: () => outcome }
}
