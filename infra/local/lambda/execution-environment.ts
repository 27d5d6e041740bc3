/**
 * One Lambda execution environment: a worker thread with its own environment variables and heap
 * limit, running one invocation at a time. Timeouts are enforced from the main thread because a
 * handler stuck in a synchronous loop cannot time itself out; the worker is then terminated, as
 * Lambda discards an environment after a timeout.
 */
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { exitError, timeoutError } from './function-errors.ts'
import type { InvokeMessage, WorkerInit, WorkerMessage } from './protocol.ts'
import type { FunctionError, InvokeResult } from './types.ts'

const WORKER_URL = new URL('./worker.ts', import.meta.url)

/**
 * Lambda gives the init phase 10 s of its own; past that it retries init inside the first invocation,
 * under the function timeout. So a cold start may take up to 10 s plus the timeout before it fails.
 */
const INIT_LIMIT_MS = 10_000

export interface ExecutionEnvironmentOptions {
  init: WorkerInit
  env: Record<string, string>
  memoryMb: number
  timeoutSeconds: number
  log: (line: string) => void
}

interface Running {
  awsRequestId: string
  resolve: (result: InvokeResult) => void
  timer: NodeJS.Timeout
}

/** A warm or cold worker. `alive` turns false once it exits; the pool then replaces it. */
export class ExecutionEnvironment {
  readonly #worker: Worker
  readonly #options: ExecutionEnvironmentOptions
  readonly #ready: Promise<FunctionError | undefined>
  #markReady: (error: FunctionError | undefined) => void = () => {}
  #running: Running | undefined
  #crash: string | undefined
  alive = true

  constructor(options: ExecutionEnvironmentOptions) {
    this.#options = options
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve
    })
    this.#worker = new Worker(WORKER_URL, {
      workerData: options.init,
      env: options.env,
      // The host's flags (e.g. node --test's) are not meant for function code; type stripping is on by default.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    })
    const initTimer = setTimeout(() => this.#initTimedOut(), INIT_LIMIT_MS + options.timeoutSeconds * 1000)
    void this.#ready.then(() => clearTimeout(initTimer))
    this.#worker.on('message', (message: WorkerMessage) => this.#onMessage(message))
    this.#worker.on('error', (error) => this.#onError(error))
    this.#worker.on('exit', (code) => this.#onExit(code))
  }

  /** Runs one invocation; resolves with the result or the function error, never rejects. */
  async run(awsRequestId: string, eventJson: string): Promise<InvokeResult> {
    this.#worker.ref()
    const initError = await this.#ready
    if (initError !== undefined) return { ok: false, error: initError }
    if (!this.alive) return { ok: false, error: exitError(awsRequestId, this.#exitReason()) }
    const timeoutMs = this.#options.timeoutSeconds * 1000
    const message: InvokeMessage = {
      type: 'invoke',
      awsRequestId,
      deadlineMs: Date.now() + timeoutMs,
      eventJson,
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#timedOut(), timeoutMs)
      this.#running = { awsRequestId, resolve, timer }
      this.#worker.postMessage(message)
    })
  }

  /** Idle warm workers must not keep the process alive on their own. */
  idle(): void {
    this.#worker.unref()
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate()
  }

  #finish(result: InvokeResult): void {
    const running = this.#running
    if (running === undefined) return
    this.#running = undefined
    clearTimeout(running.timer)
    running.resolve(result)
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') this.#markReady(undefined)
    else if (message.type === 'init-error') {
      this.#markReady(message.error)
      this.#discard()
    } else if (message.ok) this.#finish({ ok: true, result: JSON.parse(message.json) })
    else this.#finish({ ok: false, error: message.error })
  }

  #onError(error: Error): void {
    this.alive = false
    this.#crash = error.message
    this.#options.log(`[${this.#options.init.functionName}] execution environment crashed: ${error.stack}`)
  }

  #onExit(code: number): void {
    this.alive = false
    const reason = this.#exitReason(code)
    this.#markReady({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${reason}` })
    const running = this.#running
    if (running !== undefined) this.#finish({ ok: false, error: exitError(running.awsRequestId, reason) })
  }

  #exitReason(code?: number): string {
    return this.#crash ?? `exit status ${code ?? 1}`
  }

  #timedOut(): void {
    this.#finish({ ok: false, error: timeoutError(this.#options.timeoutSeconds) })
    this.#discard()
  }

  #initTimedOut(): void {
    this.#markReady(timeoutError(this.#options.timeoutSeconds))
    this.#discard()
  }

  /** Marks the environment dead at once (before the worker has actually exited) and kills it. */
  #discard(): void {
    this.alive = false
    void this.terminate()
  }
}

/** file: URL of a function entry, for the worker's dynamic import. */
export function entryUrl(entry: string): string {
  return pathToFileURL(entry).href
}
