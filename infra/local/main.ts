/**
 * `npm start`: runs the whole backbone on this machine and serves until Ctrl-C or SIGTERM, then stops
 * every part cleanly (no process or port left behind).
 */
import { startLocalStack } from './runtime.ts'
import { localDataDir, localPorts } from './settings.ts'

const dataDir = localDataDir()
const authorizer = process.env.BACKBONE_AUTHORIZER === 'jwt' ? 'jwt' : 'none'
const stack = await startLocalStack({ dataDir, ports: localPorts(), authorizer })

const { urls } = stack
console.log(`Event Backbone is running locally (data in ${dataDir})

  HTTP API              ${urls.http}        POST /streams/{streamId}/events, GET /streams/{streamId}[/events]
  Lambda Invoke API     ${urls.lambda}        aws lambda invoke --endpoint-url ${urls.lambda} --function-name NAME out.json
  Status                ${urls.lambda}/_local/status
  SNS and SQS           ${urls.aws}        aws sqs list-queues --endpoint-url ${urls.aws}
  DynamoDB (+ Streams)  ${urls.dynamodb}        aws dynamodb list-tables --endpoint-url ${urls.dynamodb}

  Functions: ${[...Object.keys(stack.lambda.stats())].join(', ')}

Press Ctrl-C to stop.`)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal} received, stopping…`)
  await stack.stop()
  console.log('Stopped.')
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
