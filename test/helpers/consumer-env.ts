/**
 * The environment the consumer functions read, as the local runtime sets it, for tests that import a
 * consumer module into this process (its config is read from `process.env`, as on Lambda): the engines'
 * endpoints, one DLQ and dedup table, and every table a declared consumer uses, by its declared variable.
 */
import { backbone } from '../../functions/backbone.ts'

export function consumerEnvironment(opts: {
  dynamodbEndpoint: string
  sqsEndpoint: string
  dlqUrl: string
  dedupTableName: string
}): Record<string, string> {
  const tables = backbone.consumers.flatMap((c) => (c.tables ?? []).map((u) => [u.environment, u.table]))
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: opts.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: opts.sqsEndpoint,
    DLQ_URL: opts.dlqUrl,
    DEDUP_TABLE_NAME: opts.dedupTableName,
    ...Object.fromEntries(tables),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  }
}
