/**
 * Settings of the local stack, from the environment: ports and the data folder. Read once at start-up;
 * every other module takes them as arguments.
 */
import { resolve } from 'node:path'

/** Where the local stack listens. Port 0 asks the OS for a free port (tests use it). */
export interface LocalPorts {
  http: number
  lambda: number
  aws: number
  dynamodb: number
  /** Event Studio, the web console. */
  studio: number
}

const projectRoot = resolve(import.meta.dirname, '..', '..')

/** The data folder: `BACKBONE_DATA_DIR`, or the git-ignored `.backbone-data/` in the project. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.BACKBONE_DATA_DIR ?? resolve(projectRoot, '.backbone-data'))
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, got "${raw}"`)
  }
  return value
}

/** Ports from `BACKBONE_*_PORT`, with the documented defaults. */
export function localPorts(env: NodeJS.ProcessEnv = process.env): LocalPorts {
  return {
    http: port(env, 'BACKBONE_HTTP_PORT', 3000),
    lambda: port(env, 'BACKBONE_LAMBDA_PORT', 3001),
    aws: port(env, 'BACKBONE_AWS_PORT', 4566),
    dynamodb: port(env, 'BACKBONE_DYNAMODB_PORT', 8000),
    studio: port(env, 'BACKBONE_STUDIO_PORT', 3002),
  }
}

/** The project root, for resolving function entries declared relative to it. */
export function projectPath(...parts: string[]): string {
  return resolve(projectRoot, ...parts)
}

/**
 * `BACKBONE_DECLARATION`: a module (path from the project root, or absolute) whose `backbone` export
 * is the declaration to run instead of `functions/backbone.ts`; undefined when unset. A fork tries a
 * variant of its topology this way, and tests run `npm start` with shorter timeouts.
 */
export function localDeclarationModule(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.BACKBONE_DECLARATION
  return raw === undefined || raw === '' ? undefined : resolve(projectRoot, raw)
}
