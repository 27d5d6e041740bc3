import { Logger } from '@aws-lambda-powertools/logger'

/** Settings of a function's logger, taken from config (`POWERTOOLS_SERVICE_NAME`). */
export interface LoggerOptions {
  serviceName: string
}

/**
 * A Powertools Logger: structured JSON lines with the Lambda context and, once the correlation
 * middleware has run, `correlation_id`. Made once per function at init, never per request.
 */
export const createLogger = ({ serviceName }: LoggerOptions): Logger => new Logger({ serviceName })
