/** One stream: its events with their envelopes, and its folded state, stepping through versions. */
import { useEffect, useState } from 'preact/hooks'
import { getJson } from '../api.ts'
import { json, time } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'
import type { StoredEvent } from '../types.ts'

interface Page {
  streamId: string
  events: StoredEvent[]
}

function StateAt(props: { streamId: string; version: number; max: number; onVersion: (v: number) => void }) {
  const { streamId, version, max } = props
  const { value, error } = usePoll(
    () =>
      getJson<{ version: number; state: unknown }>(
        `/api/streams/${encodeURIComponent(streamId)}/state?atVersion=${version}`,
      ),
    0,
    [streamId, version],
  )
  return html`<section aria-labelledby="state-title" class="state">
    <h2 id="state-title">State at version <span data-testid="state-version">${version}</span> of ${max}</h2>
    <div class="stepper">
      <button type="button" onClick=${() => props.onVersion(Math.max(1, version - 1))} disabled=${version <= 1}>Previous version</button>
      <label for="version-range">Version</label>
      <input id="version-range" type="range" min="1" max=${max} value=${version} onInput=${(e: Event) => props.onVersion(Number((e.target as HTMLInputElement).value))} />
      <button type="button" onClick=${() => props.onVersion(Math.min(max, version + 1))} disabled=${version >= max}>Next version</button>
    </div>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${value && html`<pre data-testid="state">${json(value.state)}</pre>`}
  </section>`
}

export function StreamView(props: { streamId: string; version: number | undefined }) {
  const { streamId } = props
  const { value: page, error } = usePoll(
    () => getJson<Page>(`/api/streams/${encodeURIComponent(streamId)}/events`),
    3000,
    [streamId],
  )
  const max = page?.events.at(-1)?.version ?? 0
  const [version, setVersion] = useState<number | undefined>(props.version)
  useEffect(() => setVersion(props.version), [props.version])
  const shown = Math.min(version ?? max, max)
  return html`<h2>Stream <code>${streamId}</code></h2>
    <p><a href="#/streams">All recent streams</a></p>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${page && max > 0 && html`<${StateAt} streamId=${streamId} version=${shown} max=${max} onVersion=${setVersion} />`}
    ${
      page &&
      html`<section aria-labelledby="events-title"><h2 id="events-title">Events (${page.events.length})</h2>
      <ol class="events">${page.events.map(
        (e) => html`<li data-version=${e.version} class=${e.version === shown ? 'current' : ''}>
          <details>
            <summary><strong>v${e.version}</strong> ${e.type} <span class="muted">${time(e.time)} · ${e.id}</span></summary>
            <h3 class="small">As stored</h3>
            <pre>${json({ ...e, envelope: undefined })}</pre>
            <h3 class="small">As relayed (CloudEvents envelope)</h3>
            <pre data-testid="envelope">${json(e.envelope)}</pre>
          </details>
          <a href=${`#/trace/${encodeURIComponent(e.id)}`}>Trace v${e.version}</a>
          <button type="button" class="link" onClick=${() => setVersion(e.version)}>State at v${e.version}</button>
        </li>`,
      )}</ol>
    </section>`
    }`
}
