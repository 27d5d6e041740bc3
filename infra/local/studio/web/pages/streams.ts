/**
 * Streams: recent streams and events (the time index), a search by stream id or event id, and one
 * stream's events with their envelopes and its folded state at any version.
 */
import { useState } from 'preact/hooks'
import { getJson } from '../api.ts'
import { time } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'
import type { EventTrace, StoredEvent } from '../types.ts'
import { StreamView } from './stream-view.ts'

interface Recent {
  events: StoredEvent[]
  streams: Array<{ streamId: string; version: number; time: string; type: string }>
}

/** An event id found among the recent events or in the trace gives its stream; anything else is a stream id. */
async function locate(query: string, recent: Recent | undefined): Promise<string> {
  const hit = recent?.events.find((e) => e.id === query)
  if (hit) return `#/streams/${encodeURIComponent(hit.streamId)}/${hit.version}`
  const trace = await getJson<EventTrace>(`/api/trace/${encodeURIComponent(query)}`).catch(() => undefined)
  if (trace?.streamId) return `#/streams/${encodeURIComponent(trace.streamId)}/${trace.version ?? ''}`
  return `#/streams/${encodeURIComponent(query)}`
}

function Search(props: { recent: Recent | undefined }) {
  const [query, setQuery] = useState('')
  return html`<form class="search" role="search" onSubmit=${async (e: Event) => {
    e.preventDefault()
    const q = query.trim()
    if (q) location.hash = await locate(q, props.recent)
  }}>
    <label for="stream-search">Stream id or event id</label>
    <input id="stream-search" name="q" value=${query} onInput=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} placeholder="order-1 or an event id" />
    <button type="submit">Find</button>
  </form>`
}

function RecentLists(props: { recent: Recent }) {
  const { recent } = props
  return html`<div class="columns">
    <section aria-labelledby="recent-streams"><h2 id="recent-streams">Recent streams</h2>
      <ul class="plain">${recent.streams.map(
        (s) =>
          html`<li><a href=${`#/streams/${encodeURIComponent(s.streamId)}`}>${s.streamId}</a> <span class="muted">v${s.version} · ${s.type} · ${time(s.time)}</span></li>`,
      )}</ul>
      ${recent.streams.length === 0 && html`<p class="muted">No events today yet. Publish one through the HTTP API.</p>`}
    </section>
    <section aria-labelledby="recent-events"><h2 id="recent-events">Recent events</h2>
      <div class="scroll" tabindex="0" role="region" aria-label="Recent events"><table>
        <thead><tr><th scope="col">time</th><th scope="col">stream</th><th scope="col">version</th><th scope="col">type</th><th scope="col">trace</th></tr></thead>
        <tbody>${recent.events.slice(0, 50).map(
          (e) => html`<tr data-event-id=${e.id}><td>${time(e.time)}</td>
            <td><a href=${`#/streams/${encodeURIComponent(e.streamId)}/${e.version}`}>${e.streamId}</a></td>
            <td>${e.version}</td><td>${e.type}</td>
            <td><a href=${`#/trace/${encodeURIComponent(e.id)}`} aria-label=${`Trace ${e.type} ${e.streamId} v${e.version}`}>trace</a></td></tr>`,
        )}</tbody>
      </table></div>
    </section>
  </div>`
}

export function StreamsPage(props: { args: string[] }) {
  const [streamId, version] = props.args
  const { value: recent, error } = usePoll(() => getJson<Recent>('/api/recent'), streamId ? 0 : 2000, [
    streamId,
  ])
  return html`<h1>Streams</h1>
    <${Search} recent=${recent} />
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${
      streamId
        ? html`<${StreamView} key=${streamId} streamId=${streamId} version=${version ? Number(version) : undefined} />`
        : recent && html`<${RecentLists} recent=${recent} />`
    }`
}
