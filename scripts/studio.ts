/**
 * `npm run studio -- --outputs cdk-outputs.json [--stack NAME]`: Event Studio against a deployed
 * stack, on 127.0.0.1:BACKBONE_STUDIO_PORT (default 3002). Write the outputs with
 * `npx cdk deploy --outputs-file cdk-outputs.json`; credentials and region come from the AWS SDK's
 * default chain (AWS_PROFILE, AWS_REGION, ...); BACKBONE_API_TOKEN is the bearer token for a stack
 * deployed with the JWT authorizer. The local stack serves its own studio: this is for AWS only.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { declaredBackbone } from '../infra/local/declaration.ts'
import { localPorts } from '../infra/local/settings.ts'
import { startStudio } from '../infra/local/studio/server.ts'
import { awsStudioSources, type StackOutputs } from './lib/studio-aws.ts'

const USAGE = 'Usage: npm run studio -- --outputs cdk-outputs.json [--stack NAME]'

async function stackOutputs(file: string, stack: string | undefined): Promise<StackOutputs> {
  const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, StackOutputs>
  const names = Object.keys(all)
  const name = stack ?? (names.length === 1 ? names[0] : undefined)
  const outputs = name === undefined ? undefined : all[name]
  if (outputs === undefined) throw new Error(`Name one stack of ${file} with --stack: ${names.join(', ')}`)
  return outputs
}

try {
  const { values } = parseArgs({ options: { outputs: { type: 'string' }, stack: { type: 'string' } } })
  if (values.outputs === undefined) throw new Error(USAGE)
  const sources = await awsStudioSources(await stackOutputs(values.outputs, values.stack), declaredBackbone)
  const studio = await startStudio({ port: localPorts().studio, sources })
  console.log(`Event Studio on ${studio.url} (the deployed stack; Ctrl-C stops it)`)
  const stop = async () => {
    await studio.stop()
    sources.destroy()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
