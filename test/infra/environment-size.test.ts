/**
 * Lambda refuses a function whose environment (every name and value) is over 4 KB. The deployed
 * topology travels in it (`CONSUMER_QUEUES` grows with each consumer: two queue URLs and two ARNs),
 * so this renders every function's variables with physical names as long as CloudFormation makes
 * them (`<stack>-<logical id>-<12-character suffix>`, in a long region name) and checks the total.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  type CfnResourceJson,
  environmentOf,
  renderTokens,
  resourcesOfType,
  type TokenJson,
} from '../helpers/template-queries.ts'

/** Lambda's limit on a function's environment variables, keys and values together. */
const LAMBDA_ENVIRONMENT_BYTES = 4096

const REGION = 'ap-southeast-2'
const ACCOUNT = '123456789012'

describe("every function's environment", () => {
  let synth: SynthesizedBackbone
  let resources: Record<string, CfnResourceJson>
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
    resources = synth.template.toJSON().Resources
  })
  after(() => synth.dispose())

  /** A value as long as CloudFormation's for `token`. */
  function physical(token: TokenJson): string {
    const id = 'Ref' in token ? token.Ref : token['Fn::GetAtt'][0]
    const name = `EventBackbone-${id}-ABCDEFGHIJKL`.slice(0, 80)
    const service = (resources[id]?.Type.split('::')[1] ?? 'unknown').toLowerCase()
    const arn = `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`
    if (!('Ref' in token)) return arn
    if (service === 'sqs') return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`
    if (service === 'sns') return arn
    return name
  }

  it("fits Lambda's 4 KB with physical names as long as CloudFormation makes them", (t) => {
    const functions = resourcesOfType(synth.template, 'AWS::Lambda::Function')
    const sizes = Object.entries(functions).map(([id, fn]) => {
      const variables = fn.Properties.Environment === undefined ? {} : environmentOf(fn)
      const bytes = Object.entries(variables).reduce(
        (sum, [key, value]) =>
          sum + Buffer.byteLength(key) + Buffer.byteLength(renderTokens(value, physical)),
        0,
      )
      return { id, bytes }
    })
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a))
    assert.ok(largest.bytes > 1000, `the topology is rendered (${JSON.stringify(largest)})`)
    t.diagnostic(`largest: ${largest.id}, ${largest.bytes} of ${LAMBDA_ENVIRONMENT_BYTES} bytes`)
    assert.ok(largest.bytes <= LAMBDA_ENVIRONMENT_BYTES, `${largest.id}: ${largest.bytes} bytes`)
  })
})
