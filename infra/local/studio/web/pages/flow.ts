/** Flow: the live diagram with per-node counts and rates, a throughput/latency chart, and a table. */
import { useRef } from 'preact/hooks'
import { getJson } from '../api.ts'
import { num } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'
import type { FlowSnapshot } from '../types.ts'
import { FlowChart } from './flow-chart.ts'
import { FlowDiagram, type Rates } from './flow-diagram.ts'

const POLL_MS = 1000

/** Per-second rates from the previous snapshot. */
function useRates(flow: FlowSnapshot | undefined): Rates {
  const prev = useRef<FlowSnapshot | undefined>(undefined)
  const rates = useRef<Rates>({ stored: null, published: {} })
  if (flow && prev.current && prev.current.at !== flow.at) {
    const dt = (Date.parse(flow.at) - Date.parse(prev.current.at)) / 1000
    const before = prev.current
    const per = (now: number | null, then: number | null | undefined) =>
      now === null || then === null || then === undefined || dt <= 0 ? null : Math.max(0, (now - then) / dt)
    rates.current = {
      stored: per(flow.events.stored, before.events.stored),
      published: Object.fromEntries(
        flow.topics.map((t) => [
          t.name,
          per(t.published, before.topics.find((b) => b.name === t.name)?.published),
        ]),
      ),
    }
  }
  if (flow) prev.current = flow
  return rates.current
}

export function FlowPage() {
  const { value: flow, error } = usePoll(() => getJson<FlowSnapshot>('/api/flow'), POLL_MS)
  const rates = useRates(flow)
  return html`<h1>Flow</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${
      flow &&
      html`<p class="muted">Live, refreshed every second. Stored <strong data-testid="stored-count">${num(flow.events.stored)}</strong> events since start.</p>
      <div class="scroll" tabindex="0" role="region" aria-label="Flow diagram"><${FlowDiagram} flow=${flow} rates=${rates} /></div>
      <${FlowChart} history=${flow.history} />
      <h2>Consumers</h2>
      <div class="scroll" tabindex="0" role="region" aria-label="Per-consumer counts"><table>
        <thead><tr><th scope="col">consumer</th><th scope="col">topic</th><th scope="col">delivered</th><th scope="col">filtered out</th><th scope="col">queued</th><th scope="col">in flight</th><th scope="col">oldest (s)</th><th scope="col">handled</th><th scope="col">deduplicated</th><th scope="col">failed</th><th scope="col">in DLQ</th><th scope="col">invocations</th><th scope="col">errors</th></tr></thead>
        <tbody>${flow.consumers.map(
          (c) => html`<tr data-consumer=${c.name}>
            <th scope="row">${c.name}</th><td>${c.topic}</td><td data-col="delivered">${c.delivered}</td><td>${c.filteredOut}</td>
            <td>${c.queue.visible}</td><td>${c.queue.inFlight}</td><td>${num(c.queue.oldestAgeSeconds)}</td>
            <td data-col="handled">${c.handled}</td><td>${c.deduplicated}</td><td>${c.failed}</td><td data-col="dlq">${c.dlq.visible}</td>
            <td>${num(c.function?.invocations)}</td><td>${num(c.function?.errors)}</td>
          </tr>`,
        )}</tbody>
      </table></div>`
    }`
}
