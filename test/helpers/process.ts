/**
 * `npm start` as a child process: the runtime's own entry point (`infra/local/main.ts`) run by this
 * test's Node (24), on ports chosen free beforehand and a data folder of the test's.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface Ports {
  http: number
  lambda: number
  aws: number
  dynamodb: number
  studio: number
}

/** Binds a port on loopback, or resolves false when it is taken. */
export function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** Five distinct ports the OS says are free now (all held open together, then released). */
export async function freePorts(): Promise<Ports> {
  const servers = await Promise.all(
    Array.from({ length: 5 }, () => {
      const server = createServer()
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => resolve(server))
      })
    }),
  )
  const [http, lambda, aws, dynamodb, studio] = servers.map((s) => {
    const address = s.address()
    return typeof address === 'object' && address ? address.port : 0
  }) as [number, number, number, number, number]
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  return { http, lambda, aws, dynamodb, studio }
}

/** A running `npm start`. */
export interface RuntimeProcess {
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** Resolves with the exit code and signal once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts the runtime and resolves once it says it is running; rejects if it exits first. `env` adds
 * variables (e.g. `BACKBONE_DECLARATION`).
 */
export async function startRuntime(
  ports: Ports,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<RuntimeProcess> {
  const child = spawn(process.execPath, ['infra/local/main.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BACKBONE_HTTP_PORT: String(ports.http),
      BACKBONE_LAMBDA_PORT: String(ports.lambda),
      BACKBONE_AWS_PORT: String(ports.aws),
      BACKBONE_DYNAMODB_PORT: String(ports.dynamodb),
      BACKBONE_STUDIO_PORT: String(ports.studio),
      BACKBONE_DATA_DIR: dataDir,
      BACKBONE_LOG_LEVEL: process.env.BACKBONE_LOG_LEVEL ?? 'CRITICAL',
      ...env,
    },
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Press Ctrl-C to stop.')) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(({ code, signal }) =>
      reject(new Error(`the runtime exited (${code ?? signal}) before it was ready:\n${output}`)),
    )
  })
  return { child, output: () => output, exited }
}
