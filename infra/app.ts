/** CDK entry point (`cdk.json` runs it with the project's Node 24: `npx node infra/app.ts`). */
import { createBackboneApp } from './stacks/backbone-app.ts'

createBackboneApp().app.synth()
