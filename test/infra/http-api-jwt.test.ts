import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAuthorizerConfig } from '../../infra/constructs/authorizer-config.ts'
import { InvalidAuthorizerConfigError } from '../../infra/constructs/errors.ts'
import { buildBackbone, SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import { onlyResource, resourcesOfType } from '../helpers/template-queries.ts'

const ISSUER = 'https://login.example.com/tenant/'

describe('HTTP API with authorizer=jwt', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone({
      ...SKIP_BUNDLING,
      authorizer: 'jwt',
      jwtIssuer: ISSUER,
      jwtAudience: 'backbone-api, ops',
    })
  })
  after(() => synth.dispose())

  it('validates tokens of the configured issuer and audiences', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: ISSUER, Audience: ['backbone-api', 'ops'] },
    })
  })

  it('puts the JWT authorizer on every route, $default included', () => {
    const [authorizerId] = onlyResource(synth.template, 'AWS::ApiGatewayV2::Authorizer')
    const routes = Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route'))
    assert.equal(routes.length, 5)
    for (const route of routes) {
      assert.equal(route.Properties.AuthorizationType, 'JWT', String(route.Properties.RouteKey))
      assert.deepEqual(route.Properties.AuthorizerId, { Ref: authorizerId })
    }
  })
})

describe('authorizer context validation', () => {
  function problemsOf(context: Record<string, unknown>): readonly string[] {
    try {
      buildBackbone({ ...SKIP_BUNDLING, ...context }).dispose()
    } catch (error) {
      assert.ok(error instanceof InvalidAuthorizerConfigError, String(error))
      return error.problems
    }
    assert.fail('expected an InvalidAuthorizerConfigError')
  }

  it('refuses authorizer=jwt without issuer and audience, naming both in one error', () => {
    const problems = problemsOf({ authorizer: 'jwt' })
    assert.equal(problems.length, 2)
    assert.match(problems.join('\n'), /jwtIssuer/)
    assert.match(problems.join('\n'), /jwtAudience/)
  })

  it('refuses JWT settings when the authorizer is IAM', () => {
    const problems = problemsOf({ authorizer: 'iam', jwtIssuer: ISSUER })
    assert.deepEqual(problems.length, 1)
    assert.match(problems[0] ?? '', /jwtIssuer.*only used with authorizer=jwt/)
  })

  it('refuses an issuer that is not an https URL', () => {
    assert.throws(
      () =>
        parseAuthorizerConfig({ authorizer: 'jwt', jwtIssuer: 'http://login.example.com', jwtAudience: 'a' }),
      (error: unknown) => error instanceof InvalidAuthorizerConfigError && /https URL/.test(error.message),
    )
  })

  it('refuses an authorizer it does not know', () => {
    assert.throws(
      () => parseAuthorizerConfig({ authorizer: 'cognito' }),
      /must be "iam" or "jwt", got "cognito"/,
    )
  })

  it('reads the audience from a comma-separated string or a cdk.json array', () => {
    const fromString = parseAuthorizerConfig({ authorizer: 'jwt', jwtIssuer: ISSUER, jwtAudience: 'a, b,' })
    const fromArray = parseAuthorizerConfig({ authorizer: 'jwt', jwtIssuer: ISSUER, jwtAudience: ['a', 'b'] })
    assert.deepEqual(fromString, { kind: 'jwt', issuer: ISSUER, audience: ['a', 'b'] })
    assert.deepEqual(fromArray, fromString)
  })

  it('defaults to IAM when the context names no authorizer', () => {
    assert.deepEqual(parseAuthorizerConfig({}), { kind: 'iam' })
  })
})
