/**
 * Builds each function's bundle as CDK builds it, finds which AWS SDK clients it contains, and builds
 * the baseline for it: a bundle, made with the same options, that only imports and constructs those
 * clients. What a function loads beyond its baseline is the cost of our own code and libraries.
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { build, type Metafile } from 'esbuild'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { cdkEsbuildOptions } from './esbuild-options.ts'

/** A function to measure: its name and entry point relative to the project root. */
export interface FunctionEntry {
  name: string
  entry: string
  /**
   * For a function that defers part of its init to its first invocation: an event that runs that
   * init and nothing else (no I/O), timed together with the import.
   */
  firstEvent?: unknown
}

/** A built bundle. */
export interface Bundle {
  name: string
  /** Absolute path of `index.mjs`. */
  file: string
  /** Size of `index.mjs` in bytes (the source map is a separate file, loaded only for stack traces). */
  bytes: number
}

/** A function's bundle and the SDK packages it bundles. */
export interface FunctionBundle extends Bundle {
  sdkPackages: string[]
  /** See {@link FunctionEntry.firstEvent}. */
  firstEvent?: unknown
}

/** The client class each SDK package is represented by in a baseline. */
const SDK_CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/client-dynamodb-streams': 'DynamoDBStreamsClient',
  '@aws-sdk/client-lambda': 'LambdaClient',
  '@aws-sdk/client-sns': 'SNSClient',
  '@aws-sdk/client-sqs': 'SQSClient',
}
const DOCUMENT_CLIENT_PACKAGE = '@aws-sdk/lib-dynamodb'

/** SDK client packages (and lib-dynamodb) whose files are in the bundle. */
export function sdkPackagesOf(metafile: Metafile): string[] {
  const found = new Set<string>()
  const pattern = /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//
  for (const input of Object.keys(metafile.inputs)) {
    const name = pattern.exec(input)?.[1]
    if (name !== undefined) found.add(name)
  }
  return [...found].sort()
}

/** Builds one function's bundle into `outDir/<name>/index.mjs`. */
export async function buildFunction(fn: FunctionEntry, outDir: string): Promise<FunctionBundle> {
  const file = join(outDir, fn.name, 'index.mjs')
  const result = await build(cdkEsbuildOptions(join(PROJECT_ROOT, fn.entry), file))
  return {
    name: fn.name,
    file,
    bytes: (await stat(file)).size,
    sdkPackages: sdkPackagesOf(result.metafile ?? { inputs: {}, outputs: {} }),
    ...(fn.firstEvent === undefined ? {} : { firstEvent: fn.firstEvent }),
  }
}

/**
 * Source of a baseline: imports the clients and constructs one of each at init, as a function that
 * only talks to those services would. The DocumentClient wraps a DynamoDBClient, as ours does.
 */
export function baselineSource(sdkPackages: readonly string[]): string {
  const lines: string[] = []
  const made: string[] = []
  for (const pkg of sdkPackages) {
    const client = SDK_CLIENTS[pkg]
    if (client === undefined) continue
    lines.push(`import { ${client} } from '${pkg}'`)
    made.push(`new ${client}({})`)
  }
  if (sdkPackages.includes(DOCUMENT_CLIENT_PACKAGE)) {
    lines.push(`import { DynamoDBDocumentClient } from '${DOCUMENT_CLIENT_PACKAGE}'`)
    if (!sdkPackages.includes('@aws-sdk/client-dynamodb')) {
      lines.push(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb'`)
    }
    made.push('DynamoDBDocumentClient.from(new DynamoDBClient({}))')
  }
  lines.push(`const clients = [${made.join(', ')}]`, 'export const handler = async () => clients.length')
  return `${lines.join('\n')}\n`
}

/** Name of the baseline bundle for a set of SDK packages, e.g. `sdk(dynamodb+lib-dynamodb)`. */
export function baselineName(sdkPackages: readonly string[]): string {
  const short = sdkPackages.map((p) => p.replace('@aws-sdk/', '').replace(/^client-/, ''))
  return `sdk(${short.join('+') || 'none'})`
}

/** Builds the baseline bundle for `sdkPackages` into `outDir/<baselineName>/index.mjs`. */
export async function buildBaseline(sdkPackages: readonly string[], outDir: string): Promise<Bundle> {
  const name = baselineName(sdkPackages)
  const file = join(outDir, name, 'index.mjs')
  const { entryPoints: _, ...options } = cdkEsbuildOptions('', file)
  await build({
    ...options,
    stdin: { contents: baselineSource(sdkPackages), resolveDir: PROJECT_ROOT, loader: 'js' },
  })
  return { name, file, bytes: (await stat(file)).size }
}
