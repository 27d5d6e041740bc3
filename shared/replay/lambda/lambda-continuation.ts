import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import type { Continuation } from '../deps.ts'

/**
 * {@link Continuation} through Lambda: an asynchronous (`Event`) invocation of the function itself
 * with `{ jobId, continuationToken }`. Async, so this invocation can end at once; Lambda queues the
 * event and retries it on throttling.
 */
export class LambdaContinuation implements Continuation {
  readonly #client: LambdaClient
  readonly #functionName: string

  constructor(client: LambdaClient, functionName: string) {
    this.#client = client
    this.#functionName = functionName
  }

  async continueJob(jobId: string, continuationToken: string): Promise<void> {
    const out = await this.#client.send(
      new InvokeCommand({
        FunctionName: this.#functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ jobId, continuationToken })),
      }),
    )
    if (out.StatusCode !== 202)
      throw new Error(`Async invoke of ${this.#functionName} answered ${out.StatusCode}`)
  }
}
