/**
 * The studio's actions, through the very functions an operator invokes (console test event, `aws
 * lambda invoke`, `npm run redrive` / `npm run replay`): the redrive and replay functions, by the
 * Lambda SDK client. Their validation answers the studio as it answers anyone.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda'
import type { StudioSources } from './sources.ts'

/** What an invocation gave: the function's answer, or its error (type and message). */
export type Invocation =
  | { ok: true; result: unknown }
  | { ok: false; errorType: string; errorMessage: string }

export async function invokeFunction(s: StudioSources, name: string, payload: unknown): Promise<Invocation> {
  const out = await s.lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }),
  )
  const text = Buffer.from(out.Payload ?? []).toString('utf8')
  const body = text === '' ? null : (JSON.parse(text) as unknown)
  if (out.FunctionError) {
    const e = (body ?? {}) as { errorType?: string; errorMessage?: string }
    return { ok: false, errorType: e.errorType ?? 'Error', errorMessage: e.errorMessage ?? text }
  }
  return { ok: true, result: body }
}
