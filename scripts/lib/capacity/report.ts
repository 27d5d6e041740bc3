/**
 * The capacity report as Markdown: what `npm run capacity -- --markdown` prints and what the README's
 * "Capacity and cost" section holds between its markers (a test keeps the two equal).
 */
import { type AwsFigure, awsFigures } from './aws-figures.ts'
import { bindingStage, type Ceiling, stageCeilings, streamCeilings } from './ceilings.ts'
import { costLines, totalUsd } from './cost.ts'
import type { CapacityInputs } from './inputs.ts'

const int = (n: number) => Math.floor(n).toLocaleString('en-US')
const usd = (n: number) => `$${n.toFixed(3)}`

/** A Markdown table with padded columns, as Biome formats the README's tables. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

const ceilingRows = (cs: readonly Ceiling[]) => cs.map((c) => [c.stage, int(c.eventsPerSecond), c.basis])

function sourceCell(f: AwsFigure): string {
  const check = f.source.check && f.source.check !== f.source.url ? `; check ${f.source.check}` : ''
  return `${f.source.kind}: ${f.source.url}${check}`
}

/** The report of `inputs`, one line per array entry. */
export function capacityMarkdown(inputs: CapacityInputs): string {
  const ceilings = stageCeilings(inputs)
  const binding = bindingStage(ceilings)
  const lines = costLines(inputs)
  return [
    `Region ${inputs.region}; ${inputs.streamShards} stream shards (assumed), relay parallelization ${inputs.relay.parallelizationFactor}, ${inputs.timeIndexShards} time index shards; publish ${inputs.publish.durationMs} ms, relay batch ${inputs.relay.batchDurationMs} ms, consumer batch ${inputs.consumerBatchDurationMs} ms (assumed).`,
    '',
    ...table(['stage', 'events/s', 'from'], ceilingRows(ceilings)),
    '',
    `**Binds first: ${binding.stage}, at ${int(binding.eventsPerSecond)} events/s.**`,
    '',
    'One stream (one partition key) is bounded regardless of shards:',
    '',
    ...table(['per stream', 'events/s', 'from'], ceilingRows(streamCeilings())),
    '',
    `Cost per million events published and delivered to ${inputs.deliveredTo} consumers (USD):`,
    '',
    ...table(
      ['item', 'per event', 'USD / million events'],
      [
        ...lines.map((l) => [l.item, l.perEvent, usd(l.usdPerMillion)]),
        ['**total**', '', `**${usd(totalUsd(lines))}**`],
      ],
    ),
    '',
    'Figures (kind `aws`: read on the AWS page; `secondary`: the AWS page to check did not show it, value from the page named; `unconfirmed`: not found in the pages read, check the page named):',
    '',
    ...table(
      ['figure', 'value', 'source', 'date'],
      Object.values(awsFigures).map((f) => [f.what, `${f.value} ${f.unit}`, sourceCell(f), f.source.date]),
    ),
  ].join('\n')
}
