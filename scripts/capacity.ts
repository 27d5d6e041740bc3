/**
 * `npm run capacity`: each stage's ceiling in events/s, the stage that binds first, and the cost per
 * million events published and delivered, for the declared deployment (`functions/backbone.ts`) or
 * one shaped by flags (`--help`). `--markdown` prints the README's "Capacity and cost" section.
 */
import { backbone } from '../functions/backbone.ts'
import { CAPACITY_USAGE, parseCapacityArgs } from './lib/capacity/args.ts'
import { CapacityArgumentError } from './lib/capacity/errors.ts'
import { capacityInputs } from './lib/capacity/inputs.ts'
import { capacityMarkdown } from './lib/capacity/report.ts'

try {
  const args = parseCapacityArgs(process.argv.slice(2))
  if (args.help) console.log(CAPACITY_USAGE)
  else {
    const report = capacityMarkdown(capacityInputs(backbone, args.overrides))
    console.log(
      args.markdown ? report : `Event Backbone capacity and cost (functions/backbone.ts)\n\n${report}`,
    )
  }
} catch (error) {
  if (!(error instanceof CapacityArgumentError)) throw error
  console.error(`${error.message}\n\n${CAPACITY_USAGE}`)
  process.exitCode = 2
}
