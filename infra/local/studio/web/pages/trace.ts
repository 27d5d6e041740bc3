/**
 * Trace: one event's path as the runtime recorded it: stored, relayed (topic, SNS message id),
 * delivered to each consumer's queue or filtered out (and by which policy), handled, deduplicated,
 * failed with the error, dead-lettered with its failure type and reason; each with its time and the
 * latency from publish.
 */
import { useState } from 'preact/hooks'
import { getJson } from '../api.ts'
import { json, ms, time } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'
import type { EventTrace, TraceHop } from '../types.ts'

const LABEL: Record<string, string> = {
  stored: 'Stored',
  relayed: 'Relayed',
  delivered: 'Delivered to queue',
  'filtered-out': 'Filtered out',
  handled: 'Handled',
  deduplicated: 'Deduplicated',
  failed: 'Failed',
  'dead-lettered': 'Dead-lettered',
}

function where(hop: TraceHop): string {
  if (hop.topic) return `topic ${hop.topic}`
  if (hop.consumer) return hop.consumer
  return 'events table'
}

function Hop(props: { hop: TraceHop }) {
  const { hop } = props
  return html`<li class=${`hop ${hop.kind}`} data-kind=${hop.kind} data-consumer=${hop.consumer}>
    <span class="kind">${LABEL[hop.kind] ?? hop.kind}</span>
    <span class="where">${where(hop)}${hop.replay ? ' (replay)' : ''}</span>
    <span class="muted">${time(hop.at)} · +${ms(hop.sincePublishMs)}</span>
    ${hop.messageId && html`<span class="muted">message ${hop.messageId}</span>`}
    ${hop.filterPolicy !== undefined && html`<span>by filter policy <code>${JSON.stringify(hop.filterPolicy)}</code></span>`}
    ${hop.failureType && html`<span class="bad">failure-type <code>${hop.failureType}</code></span>`}
    ${hop.failureReason && html`<span class="bad" data-testid="failure-reason">${hop.failureReason}</span>`}
  </li>`
}

/** The last word per consumer: where the event ended up for each. */
function Outcomes(props: { trace: EventTrace }) {
  const last = new Map<string, TraceHop>()
  for (const hop of props.trace.hops) if (hop.consumer) last.set(hop.consumer, hop)
  return html`<ul class="plain outcomes">${[...last].map(
    ([consumer, hop]) =>
      html`<li data-outcome=${consumer}><strong>${consumer}</strong>: ${LABEL[hop.kind] ?? hop.kind} <span class="muted">+${ms(hop.sincePublishMs)}</span></li>`,
  )}</ul>`
}

function TraceView(props: { eventId: string }) {
  const { value: trace, error } = usePoll(
    () => getJson<EventTrace>(`/api/trace/${encodeURIComponent(props.eventId)}`),
    1000,
    [props.eventId],
  )
  if (error) return html`<p role="alert" class="error">${error}</p>`
  if (!trace) return html`<p class="muted">Loading…</p>`
  return html`<section aria-labelledby="trace-title">
    <h2 id="trace-title">${trace.type ?? 'Event'} <code>${trace.eventId}</code></h2>
    <p>Stream <a href=${`#/streams/${encodeURIComponent(trace.streamId ?? '')}/${trace.version ?? ''}`}>${trace.streamId}</a> version ${trace.version}, published ${time(trace.time)}</p>
    <${Outcomes} trace=${trace} />
    <h3>Every hop</h3>
    <ol class="hops" data-testid="hops">${trace.hops.map((hop) => html`<${Hop} hop=${hop} />`)}</ol>
    <details><summary>Raw trace</summary><pre>${json(trace)}</pre></details>
  </section>`
}

export function TracePage(props: { args: string[] }) {
  const [eventId] = props.args
  const [query, setQuery] = useState(eventId ?? '')
  return html`<h1>Trace</h1>
    <form class="search" role="search" onSubmit=${(e: Event) => {
      e.preventDefault()
      if (query.trim()) location.hash = `#/trace/${encodeURIComponent(query.trim())}`
    }}>
      <label for="trace-id">Event id</label>
      <input id="trace-id" value=${query} onInput=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} />
      <button type="submit">Trace</button>
    </form>
    <p class="muted">Recorded by the local runtime since it started (the last 2,000 events). Open an event from Streams to trace it.</p>
    ${eventId && html`<${TraceView} key=${eventId} eventId=${eventId} />`}`
}
