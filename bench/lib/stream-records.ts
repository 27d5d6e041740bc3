/**
 * Reads every record of the events table's DynamoDB stream from the embedded engine, in the shape
 * Lambda delivers to the relay (through the local poller's own conversion).
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBRecord } from 'aws-lambda'
import { toLambdaRecord } from '../../infra/local/pollers/dynamodb-stream-event.ts'
import { CREDENTIALS, REGION } from './engines.ts'

/** All stream records of `tableName` so far, oldest first. */
export async function readStreamRecords(
  dynamodb: DynamoDBClient,
  endpoint: string,
  tableName: string,
): Promise<DynamoDBRecord[]> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))
  const streamArn = Table?.LatestStreamArn
  if (streamArn === undefined) throw new Error(`${tableName} has no stream`)
  const streams = new DynamoDBStreamsClient({ endpoint, region: REGION, credentials: CREDENTIALS })
  try {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))
    const records: DynamoDBRecord[] = []
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
      while (iterator !== undefined) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }))
        records.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, streamArn)))
        // An open shard always returns a next iterator: stop at the first empty page.
        if ((page.Records ?? []).length === 0) break
        iterator = page.NextShardIterator
      }
    }
    return records
  } finally {
    streams.destroy()
  }
}
