/**
 * `npm start`: runs the whole backbone on this machine and serves until Ctrl-C or SIGTERM, then stops
 * every part cleanly (no process or port left behind).
 */

import { describeCatchUp } from './catch-up.ts'
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './clients.ts'
import { loadDeclaration } from './declaration.ts'
import { authorizerKind, LOCAL_JWT, type LocalAuth } from './http-api/authorizers/local-auth.ts'
import { startLocalStack } from './runtime.ts'
import { localDataDir, localDeclarationModule, localPorts } from './settings.ts'

/** The BACKBONE_* settings; a wrong one is the user's to fix: its message, without a stack trace. */
function settings() {
  try {
    const env = process.env
    return {
      dataDir: localDataDir(),
      ports: localPorts(),
      authorizer: authorizerKind(env.BACKBONE_AUTHORIZER),
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}

const { dataDir, ports, authorizer } = settings()
const backbone = await loadDeclaration(localDeclarationModule())
const stack = await startLocalStack({ dataDir, ports, authorizer, backbone })

const { urls } = stack
console.log(`Event Backbone is running locally (data in ${dataDir})
${await authorizerLines(stack.auth)}
  HTTP API              ${urls.http}        POST /streams/{streamId}/events, GET /streams/{streamId}[/events], GET /projections/{projection}/{key}
  Lambda Invoke API     ${urls.lambda}        aws lambda invoke --endpoint-url ${urls.lambda} --function-name NAME out.json
  Status                ${urls.lambda}/_local/status
  SNS and SQS           ${urls.aws}        aws sqs list-queues --endpoint-url ${urls.aws}
  DynamoDB (+ Streams)  ${urls.dynamodb}        aws dynamodb list-tables --endpoint-url ${urls.dynamodb}
  Event Studio          ${urls.studio}        open it in a browser: flow, streams, trace, dead letters, replay, schemas

  Functions: ${[...Object.keys(stack.lambda.stats())].join(', ')}

Press Ctrl-C to stop.`)

// Consumers that start from history are caught up in the background; `npm run replay -- --job-id <id>` shows progress.
for (const { target, jobId } of stack.catchUps.requests) {
  console.log(`Catching up ${target.consumer} from history (npm run replay -- --job-id ${jobId})`)
}
void stack.catchUps.done.then((outcomes) => {
  for (const outcome of outcomes) console.log(describeCatchUp(outcome))
})

/** How to get past the HTTP API's authorizer, when one is on. */
async function authorizerLines(auth: LocalAuth): Promise<string> {
  if (auth.kind === 'iam') {
    return `\n  Authorizer: IAM. Sign requests with SigV4 for execute-api in ${LOCAL_REGION} with access key "${LOCAL_CREDENTIALS.accessKeyId}" and secret "${LOCAL_CREDENTIALS.secretAccessKey}".\n`
  }
  if (auth.kind === 'jwt' && auth.devToken) {
    return `\n  Authorizer: JWT (issuer ${LOCAL_JWT.issuer}, audience ${LOCAL_JWT.audience}). A token for 12 hours, scopes events/read and events/write:\n  Authorization: Bearer ${await auth.devToken()}\n`
  }
  return ''
}

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
