import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Match } from 'aws-cdk-lib/assertions'
import { accessLogFields } from '../../infra/defaults/apigateway-defaults.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import { arnOf, logicalIdOf, onlyResource, resourcesOfType } from '../helpers/template-queries.ts'

describe('HTTP API (default context)', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  /** Route key → logical id of the function its integration invokes. */
  function routeTargets(): Map<string, string> {
    const integrations = resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Integration')
    const targets = new Map<string, string>()
    for (const route of Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route'))) {
      const target = JSON.stringify(route.Properties.Target)
      const [, integration] = Object.entries(integrations).find(([id]) => target.includes(`"${id}"`)) ?? []
      const uri = integration?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] } | undefined
      targets.set(String(route.Properties.RouteKey), uri?.['Fn::GetAtt'][0] ?? 'none')
    }
    return targets
  }

  it('routes POST to publish, and the GET routes and $default to read', () => {
    const publish = logicalIdOf(synth.stack.publishFunction.function)
    const read = logicalIdOf(synth.stack.readFunction.function)
    assert.deepEqual(
      routeTargets(),
      new Map([
        ['$default', read],
        ['POST /streams/{streamId}/events', publish],
        ['GET /streams/{streamId}/events', read],
        ['GET /streams/{streamId}', read],
        ['GET /projections/{projection}/{key}', read],
      ]),
    )
  })

  it('requires IAM (SigV4) authorization on every route, $default included', () => {
    const routes = Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route'))
    assert.equal(routes.length, 5)
    for (const route of routes)
      assert.equal(route.Properties.AuthorizationType, 'AWS_IAM', String(route.Properties.RouteKey))
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0)
  })

  it('invokes the functions with payload format 2.0', () => {
    for (const integration of Object.values(
      resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Integration'),
    )) {
      assert.equal(integration.Properties.IntegrationType, 'AWS_PROXY')
      assert.equal(integration.Properties.PayloadFormatVersion, '2.0')
    }
  })

  it('throttles the auto-deployed $default stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    })
    const [, stage] = onlyResource(synth.template, 'AWS::ApiGatewayV2::Stage')
    const settings = stage.Properties.DefaultRouteSettings as Record<string, number>
    assert.ok(settings.ThrottlingRateLimit && settings.ThrottlingRateLimit > 0)
    assert.ok(settings.ThrottlingBurstLimit && settings.ThrottlingBurstLimit > 0)
  })

  it('writes one JSON access log line per request, with the request id, to a log group with retention', () => {
    const logGroup = logicalIdOf(synth.stack.httpApi.accessLogGroup)
    const [, stage] = onlyResource(synth.template, 'AWS::ApiGatewayV2::Stage')
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string }
    assert.deepEqual(settings.DestinationArn, arnOf(logGroup))
    assert.deepEqual(JSON.parse(settings.Format), accessLogFields)
    assert.equal(accessLogFields.requestId, '$context.requestId')
    synth.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() })
    const retention = synth.template.toJSON().Resources[logGroup].Properties.RetentionInDays
    assert.ok(retention > 0)
  })

  it('lets API Gateway invoke each function from this API only', () => {
    const apiId = logicalIdOf(synth.stack.httpApi.api)
    const permissions = Object.values(resourcesOfType(synth.template, 'AWS::Lambda::Permission'))
    assert.ok(permissions.length > 0)
    for (const permission of permissions) {
      assert.equal(permission.Properties.Principal, 'apigateway.amazonaws.com')
      assert.ok(JSON.stringify(permission.Properties.SourceArn).includes(`{"Ref":"${apiId}"}`))
    }
  })

  it('outputs the API URL and both function names', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>
    assert.match(JSON.stringify(outputs.ApiUrl?.Value), /execute-api/)
    assert.deepEqual(outputs.PublishFunctionName?.Value, {
      Ref: logicalIdOf(synth.stack.publishFunction.function),
    })
    assert.deepEqual(outputs.ReadFunctionName?.Value, { Ref: logicalIdOf(synth.stack.readFunction.function) })
  })
})
