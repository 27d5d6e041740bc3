/** Small readers over a synthesized template, for assertions the assertions library has no matcher for. */
import { CfnElement, Stack } from 'aws-cdk-lib'
import type { Template } from 'aws-cdk-lib/assertions'
import type { IConstruct } from 'constructs'

/** A CloudFormation resource as it appears in the template. */
export interface CfnResourceJson {
  Type: string
  Properties: Record<string, unknown>
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
}

/** An IAM policy statement as it appears in the template. */
export interface StatementJson {
  Effect: string
  Action: string | string[]
  Resource: unknown
  Principal?: unknown
}

/** Resources of `type`, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>
}

/** The one resource of `type`; throws if there is not exactly one. */
export function onlyResource(template: Template, type: string): [string, CfnResourceJson] {
  const entries = Object.entries(resourcesOfType(template, type))
  const [only] = entries
  if (entries.length !== 1 || !only) throw new Error(`expected one ${type}, found ${entries.length}`)
  return only
}

/** The logical id of an L2 construct's CloudFormation resource in its stack. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`)
  return Stack.of(construct).getLogicalId(resource)
}

/** Every statement of every `AWS::IAM::Policy` attached to the role `roleLogicalId`. */
export function statementsOfRole(template: Template, roleLogicalId: string): StatementJson[] {
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: StatementJson[] }).Statement)
}

/** Every identity-policy statement of the template: `AWS::IAM::Policy` resources and inline role policies. */
export function allIdentityStatements(template: Template): StatementJson[] {
  const fromPolicies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).flatMap(
    (policy) => (policy.Properties.PolicyDocument as { Statement: StatementJson[] }).Statement,
  )
  const fromRoles = Object.values(resourcesOfType(template, 'AWS::IAM::Role')).flatMap((role) =>
    ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: StatementJson[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  )
  return [...fromPolicies, ...fromRoles]
}

/** A statement's actions as a list. */
export function actionsOf(statement: StatementJson): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action]
}

/** A statement's resources as a list. */
export function resourcesOf(statement: StatementJson): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]
}

/** `{ "Fn::GetAtt": [id, "Arn"] }`, how the template points at a resource's ARN. */
export function arnOf(logicalId: string): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] }
}

/**
 * A readable key for a statement resource: `*`, a logical id (its ARN or Ref), `<id>.<attribute>`
 * for another attribute (e.g. `Table.StreamArn`), or a join of those (e.g. `Table/index/byTime`).
 */
export function resourceKey(resource: unknown): string {
  if (typeof resource === 'string') return resource
  const r = resource as Record<string, unknown>
  if (typeof r.Ref === 'string') return r.Ref
  const getAtt = r['Fn::GetAtt'] as [string, string] | undefined
  if (getAtt) return getAtt[1] === 'Arn' ? getAtt[0] : `${getAtt[0]}.${getAtt[1]}`
  const join = r['Fn::Join'] as [string, unknown[]] | undefined
  if (join) return join[1].map(resourceKey).join(join[0])
  return JSON.stringify(resource)
}

/** Sorted actions granted to a role on each resource (by {@link resourceKey}); every statement must Allow. */
export function grantsOfRole(template: Template, roleLogicalId: string): Map<string, string[]> {
  const grants = new Map<string, string[]>()
  for (const statement of statementsOfRole(template, roleLogicalId)) {
    if (statement.Effect !== 'Allow')
      throw new Error(`role ${roleLogicalId} has a ${statement.Effect} statement`)
    for (const resource of resourcesOf(statement)) {
      const key = resourceKey(resource)
      grants.set(key, [...new Set([...(grants.get(key) ?? []), ...actionsOf(statement)])].sort())
    }
  }
  return grants
}

/** A `Ref` or `Fn::GetAtt` inside a template value. */
export type TokenJson = { Ref: string } | { 'Fn::GetAtt': [string, string] }

/**
 * Renders a template value (a string, or an `Fn::Join` of strings, `Ref`s and `Fn::GetAtt`s, as CDK
 * makes for values holding tokens) to a string, each token replaced by `render(token)`.
 */
export function renderTokens(value: unknown, render: (token: TokenJson) => string): string {
  if (typeof value === 'string') return value
  const v = value as Record<string, unknown>
  const join = v['Fn::Join'] as [string, unknown[]] | undefined
  if (join) return join[1].map((part) => renderTokens(part, render)).join(join[0])
  if (typeof v.Ref === 'string' || Array.isArray(v['Fn::GetAtt'])) return render(v as TokenJson)
  throw new Error(`cannot render ${JSON.stringify(value)}`)
}

/** `ref:<id>` for a Ref, `<id>.<attribute>` for a GetAtt: stable names to compare rendered JSON against. */
export function tokenName(token: TokenJson): string {
  return 'Ref' in token ? `ref:${token.Ref}` : `${token['Fn::GetAtt'][0]}.${token['Fn::GetAtt'][1]}`
}

/** The environment variables of a function resource, as the template holds them. */
export function environmentOf(fn: CfnResourceJson): Record<string, unknown> {
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
}

/**
 * The statements of the resource policies of `type` (`AWS::SQS::QueuePolicy` listing `Queues`,
 * `AWS::SNS::TopicPolicy` listing `Topics`) that apply to the resource `logicalId`.
 */
export function resourcePolicyStatements(
  template: Template,
  type: 'AWS::SQS::QueuePolicy' | 'AWS::SNS::TopicPolicy',
  logicalId: string,
): (StatementJson & { Condition?: unknown })[] {
  const listKey = type === 'AWS::SQS::QueuePolicy' ? 'Queues' : 'Topics'
  return Object.values(resourcesOfType(template, type))
    .filter((p) => JSON.stringify(p.Properties[listKey]).includes(`"${logicalId}"`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: StatementJson[] }).Statement)
}

/** Whether a resource policy denies every request made without TLS (CDK's `enforceSSL`). */
export function deniesPlainHttp(statements: readonly (StatementJson & { Condition?: unknown })[]): boolean {
  return statements.some(
    (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
  )
}
