/** CDK entry point (`cdk.json` runs it with the project's Node 24: `npx node infra/app.ts`). */
import { InfraConfigError } from './constructs/errors.ts'
import { createBackboneApp } from './stacks/backbone-app.ts'

try {
  createBackboneApp().app.synth()
} catch (error) {
  // A configuration mistake is the user's to fix: say what is wrong, without a stack trace.
  if (!(error instanceof InfraConfigError)) throw error
  console.error(error.message)
  process.exitCode = 1
}
