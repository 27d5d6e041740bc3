/**
 * The environment variables of one execution environment: the function's own variables plus the
 * ones the Lambda service sets (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * Nothing else leaks in from the host process, so a function only sees what it would see on AWS.
 */
import { randomUUID } from 'node:crypto'
import { basename, dirname, extname } from 'node:path'
import type { FunctionDefinition } from './types.ts'

/** Lambda's defaults when a function does not set them. */
export const DEFAULT_TIMEOUT_SECONDS = 3
export const DEFAULT_MEMORY_MB = 128
export const DEFAULT_CONCURRENCY = 10

/** `_HANDLER` as Lambda shows it: `<file name without extension>.<export>`. */
export function handlerName(definition: FunctionDefinition): string {
  return `${basename(definition.entry, extname(definition.entry))}.${definition.handler ?? 'handler'}`
}

/** Lambda's log stream naming: `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
export function newLogStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/')
  return `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`
}

/** The endpoint overrides the SDK reads (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) from the host. */
function hostEndpoints(hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const endpoints: Record<string, string> = {}
  for (const [key, value] of Object.entries(hostEnv)) {
    if (value !== undefined && (key === 'AWS_ENDPOINT_URL' || key.startsWith('AWS_ENDPOINT_URL_'))) {
      endpoints[key] = value
    }
  }
  return endpoints
}

/**
 * Builds the full environment of one execution environment. Reserved Lambda variables win over the
 * definition's; credentials are fake unless the definition sets them (the local engines accept any),
 * so the host's real AWS credentials can never reach a local function.
 */
export function functionEnvironment(
  definition: FunctionDefinition,
  options: { region: string; logStreamName: string; hostEnv: NodeJS.ProcessEnv },
): Record<string, string> {
  const { region, logStreamName, hostEnv } = options
  return {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...hostEndpoints(hostEnv),
    ...definition.environment,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb ?? DEFAULT_MEMORY_MB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: dirname(definition.entry),
    _HANDLER: handlerName(definition),
    // Lambda sets these too; PATH lets tools the function spawns be found.
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: hostEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  }
}
