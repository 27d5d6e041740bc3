/**
 * The execution environments of one function. Up to `concurrency` workers run at once and are kept
 * warm between invocations (the module is imported once per worker, like a Lambda execution
 * environment). Invocations beyond the concurrency limit wait in a FIFO queue: Lambda would throttle
 * them (429 TooManyRequestsException), but locally queueing is friendlier and every caller here (the
 * HTTP API, the Invoke API, the event source pollers) would only retry anyway.
 */
import { randomUUID } from 'node:crypto'
import { functionArn } from './arn.ts'
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  functionEnvironment,
  handlerName,
  newLogStreamName,
} from './environment.ts'
import { HostClosedError } from './errors.ts'
import { ExecutionEnvironment, entryUrl } from './execution-environment.ts'
import type { FunctionDefinition, InvokeResult } from './types.ts'

/** Counters of one function, as the status endpoint shows them. */
export interface FunctionStats {
  invocations: number
  errors: number
  /** Invocations running in an execution environment right now. */
  running: number
  /** Invocations waiting for a free execution environment. */
  queued: number
  /** Live execution environments, busy or warm. */
  environments: number
}

interface Queued {
  eventJson: string
  resolve: (result: InvokeResult) => void
  reject: (error: Error) => void
}

export interface PoolOptions {
  region: string
  hostEnv: NodeJS.ProcessEnv
  log: (line: string) => void
}

export class FunctionPool {
  readonly #definition: FunctionDefinition
  readonly #options: PoolOptions
  readonly #idle: ExecutionEnvironment[] = []
  readonly #busy = new Set<ExecutionEnvironment>()
  readonly #queue: Queued[] = []
  #invocations = 0
  #errors = 0
  #closed = false

  constructor(definition: FunctionDefinition, options: PoolOptions) {
    this.#definition = definition
    this.#options = options
  }

  invoke(eventJson: string): Promise<InvokeResult> {
    if (this.#closed) return Promise.reject(new HostClosedError(this.#definition.name))
    this.#invocations += 1
    const result = new Promise<InvokeResult>((resolve, reject) => {
      this.#queue.push({ eventJson, resolve, reject })
    })
    this.#dispatch()
    return result
  }

  stats(): FunctionStats {
    return {
      invocations: this.#invocations,
      errors: this.#errors,
      running: this.#busy.size,
      queued: this.#queue.length,
      environments: this.#idle.length + this.#busy.size,
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const queued of this.#queue.splice(0)) queued.reject(new HostClosedError(this.#definition.name))
    const all = [...this.#idle.splice(0), ...this.#busy]
    await Promise.all(all.map((environment) => environment.terminate()))
  }

  /** Starts queued invocations while there is a warm worker or room for a new one. */
  #dispatch(): void {
    const limit = this.#definition.concurrency ?? DEFAULT_CONCURRENCY
    this.#dropDead()
    while (this.#queue.length > 0 && (this.#idle.length > 0 || this.#busy.size < limit)) {
      const queued = this.#queue.shift() as Queued
      // The most recently used worker first, as Lambda does: it is the warmest.
      const environment = this.#idle.pop() ?? this.#spawn()
      this.#busy.add(environment)
      void environment.run(randomUUID(), queued.eventJson).then((result) => {
        this.#busy.delete(environment)
        if (!result.ok) this.#errors += 1
        if (environment.alive && !this.#closed) {
          environment.idle()
          this.#idle.push(environment)
        }
        queued.resolve(result)
        this.#dispatch()
      })
    }
  }

  /** A warm worker can die between invocations (a timer calling process.exit): never hand it out. */
  #dropDead(): void {
    const alive = this.#idle.filter((environment) => environment.alive)
    this.#idle.splice(0, this.#idle.length, ...alive)
  }

  #spawn(): ExecutionEnvironment {
    const definition = this.#definition
    const logStreamName = newLogStreamName()
    const memoryMb = definition.memoryMb ?? DEFAULT_MEMORY_MB
    return new ExecutionEnvironment({
      init: {
        entryUrl: entryUrl(definition.entry),
        handler: definition.handler ?? 'handler',
        handlerName: handlerName(definition),
        functionName: definition.name,
        invokedFunctionArn: functionArn(this.#options.region, definition.name),
        memoryLimitInMB: String(memoryMb),
        logGroupName: `/aws/lambda/${definition.name}`,
        logStreamName,
      },
      env: functionEnvironment(definition, { ...this.#options, logStreamName }),
      memoryMb,
      timeoutSeconds: definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      log: this.#options.log,
    })
  }
}
