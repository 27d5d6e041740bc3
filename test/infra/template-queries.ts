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
