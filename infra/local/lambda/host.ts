/**
 * The local Lambda host: registers function definitions and invokes them in isolated, warm worker
 * threads, the way the Lambda service runs execution environments. See pool.ts for concurrency and
 * execution-environment.ts for timeouts and crashes.
 */
import { LOCAL_REGION } from '../clients.ts'
import { FunctionAlreadyRegisteredError, FunctionNotFoundError, InvalidEventError } from './errors.ts'
import { FunctionPool, type FunctionStats } from './pool.ts'
import type { FunctionDefinition, Invoke, InvokeResult } from './types.ts'
import { validateDefinition } from './validate.ts'

export {
  FunctionAlreadyRegisteredError,
  FunctionNotFoundError,
  HostClosedError,
  InvalidEventError,
  InvalidFunctionDefinitionError,
  LambdaHostError,
} from './errors.ts'
export type { FunctionStats } from './pool.ts'
export type { FunctionDefinition, FunctionError, Invoke, InvokeResult } from './types.ts'

/** Runs registered functions locally. */
export interface LambdaHost {
  /** Declares a function; throws FunctionAlreadyRegisteredError or InvalidFunctionDefinitionError. */
  register(definition: FunctionDefinition): void
  has(name: string): boolean
  /**
   * Synchronous ('RequestResponse') invocation. Resolves with the result or the function error;
   * rejects only with FunctionNotFoundError, InvalidEventError or HostClosedError.
   */
  invoke: Invoke
  /**
   * Asynchronous ('Event') invocation: queued, returns at once. Its failures are only counted in
   * stats() and logged, as Lambda would send them to CloudWatch. Throws FunctionNotFoundError.
   */
  invokeAsync(name: string, event: unknown): void
  stats(): Record<string, FunctionStats>
  /** Terminates every execution environment; queued invocations reject with HostClosedError. */
  close(): Promise<void>
}

export interface LambdaHostOptions {
  /** Region the functions believe they run in (AWS_REGION, ARNs); default us-east-1. */
  region?: string
  /** Where host diagnostics go (crashes, failed async invocations); default console.error. */
  log?: (line: string) => void
  /** Source of the AWS_ENDPOINT_URL* variables passed through to functions; default process.env. */
  hostEnv?: NodeJS.ProcessEnv
}

function serialise(name: string, event: unknown): string {
  try {
    return JSON.stringify(event ?? null)
  } catch (error) {
    throw new InvalidEventError(name, { cause: error })
  }
}

/**
 * Creates a host with no functions.
 * @example
 * const host = createLambdaHost()
 * host.register({ name: 'publish', entry: projectPath('functions/publish.ts'), timeoutSeconds: 10 })
 * const outcome = await host.invoke('publish', event)
 */
export function createLambdaHost(options: LambdaHostOptions = {}): LambdaHost {
  const region = options.region ?? LOCAL_REGION
  const log = options.log ?? ((line: string) => console.error(line))
  const hostEnv = options.hostEnv ?? process.env
  const pools = new Map<string, FunctionPool>()

  function pool(name: string): FunctionPool {
    const found = pools.get(name)
    if (found === undefined) throw new FunctionNotFoundError(name)
    return found
  }

  async function invoke(name: string, event: unknown): Promise<InvokeResult> {
    const target = pool(name)
    return target.invoke(serialise(name, event))
  }

  return {
    register(definition) {
      validateDefinition(definition)
      if (pools.has(definition.name)) throw new FunctionAlreadyRegisteredError(definition.name)
      pools.set(definition.name, new FunctionPool(definition, { region, hostEnv, log }))
    },
    has: (name) => pools.has(name),
    invoke,
    invokeAsync(name, event) {
      const eventJson = serialise(name, event)
      pool(name)
        .invoke(eventJson)
        .then(
          (outcome) => {
            if (!outcome.ok) log(`[${name}] async invocation failed: ${JSON.stringify(outcome.error)}`)
          },
          (error: unknown) => log(`[${name}] async invocation dropped: ${String(error)}`),
        )
    },
    stats: () => Object.fromEntries([...pools].map(([name, target]) => [name, target.stats()])),
    async close() {
      await Promise.all([...pools.values()].map((target) => target.close()))
    },
  }
}
