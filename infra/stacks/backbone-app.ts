/**
 * Builds the CDK app: the backbone stack plus the synth-time checks.
 *
 * - cdk-nag v3's AwsSolutions pack runs as a policy validation plugin; any finding fails synth.
 * - aws-cdk-lib's built-in CloudFormation template validation (`@aws/cloudformation-validate`) runs
 *   on every synth unless disabled. `cdk.json` sets `@aws-cdk/core:validateAgainstDefaultRules`
 *   (its errors fail synth instead of being downgraded to warnings) and
 *   `@aws-cdk/core:strictCfnValidateErrors` (its warnings fail synth too).
 *
 * Findings are acknowledged in `infra/constructs/acknowledgements.ts`, on the narrowest construct.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import { EventBackboneStack, type EventBackboneStackProps } from './event-backbone-stack.ts'

/** Name of the backbone's CloudFormation stack. */
export const STACK_NAME = 'EventBackbone'

/** The app and its stack. */
export interface BackboneApp {
  readonly app: App
  readonly stack: EventBackboneStack
}

/**
 * Creates the app. The stack is environment-agnostic, so synth needs no AWS account or network.
 *
 * @example
 * const { app } = createBackboneApp()
 * app.synth()
 */
export function createBackboneApp(
  appProps: AppProps = {},
  stackProps: EventBackboneStackProps = {},
): BackboneApp {
  const app = new App(appProps)
  const stack = new EventBackboneStack(app, STACK_NAME, {
    description: 'Event Backbone: HTTP publish API, DynamoDB event store, SNS/SQS fan-out, replay',
    ...stackProps,
  })
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }))
  return { app, stack }
}
