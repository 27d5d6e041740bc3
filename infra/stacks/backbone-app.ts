/**
 * Builds the CDK app: the backbone stack plus the synth-time checks (cdk-nag's AwsSolutions pack as a
 * policy validation plugin; aws-cdk-lib's built-in CloudFormation template validation runs by
 * default and is made strict by the `@aws-cdk/core:*` context flags in `cdk.json`).
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
