/**
 * The topology as an SVG diagram: publish → events table → relay → topics → per consumer its queue
 * (with the DLQ beneath) → its function. Laid out by hand in columns: the graph's shape is fixed, so a
 * layout engine (elkjs, ~1 MB) would buy nothing.
 */
import { html } from '../html.ts'
import type { FlowSnapshot } from '../types.ts'

const W = 150
const H = 50
const ROW = 120
const X = { publish: 10, events: 180, relay: 350, topic: 520, queue: 690, fn: 860 }

export interface Rates {
  stored: number | null
  published: Record<string, number | null>
}

function Node(props: { x: number; y: number; title: string; lines: string[]; tone?: 'warn' | 'bad' }) {
  return html`<g class=${`node ${props.tone ?? ''}`}>
    <rect x=${props.x} y=${props.y} width=${W} height=${H} rx="6" />
    <text x=${props.x + 8} y=${props.y + 16} class="title">${props.title}</text>
    ${props.lines.map((line, i) => html`<text x=${props.x + 8} y=${props.y + 30 + i * 13}>${line}</text>`)}
  </g>`
}

const edge = (x1: number, y1: number, x2: number, y2: number, dashed = false) =>
  html`<path class=${dashed ? 'edge dashed' : 'edge'} d=${`M${x1} ${y1} C${(x1 + x2) / 2} ${y1} ${(x1 + x2) / 2} ${y2} ${x2} ${y2}`} marker-end="url(#arrow)" />`

const rate = (r: number | null | undefined) => (r === null || r === undefined ? '' : ` · ${r.toFixed(1)}/s`)

export function FlowDiagram(props: { flow: FlowSnapshot; rates: Rates }) {
  const { flow, rates } = props
  const rows = Math.max(1, flow.consumers.length)
  const height = rows * ROW + 10
  const mid = height / 2 - H / 2
  const rowY = (i: number) => 10 + i * ROW
  const topicY = (name: string) => {
    const idx = flow.consumers.flatMap((c, i) => (c.topic === name ? [i] : []))
    return idx.length === 0 ? mid : (rowY(idx[0] ?? 0) + rowY(idx.at(-1) ?? 0)) / 2
  }
  const fnLine = (f: { invocations: number; errors: number } | null) =>
    f ? `${f.invocations} invocations · ${f.errors} errors` : 'counts local only'
  return html`<svg class="diagram" viewBox=${`0 0 1020 ${height}`} role="img" aria-labelledby="diagram-title">
    <title id="diagram-title">Flow of events from publish to each consumer; the table below lists the same counts</title>
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" /></marker></defs>
    ${edge(X.publish + W, mid + H / 2, X.events, mid + H / 2)}
    ${edge(X.events + W, mid + H / 2, X.relay, mid + H / 2)}
    ${flow.topics.map((t) => edge(X.relay + W, mid + H / 2, X.topic, topicY(t.name) + H / 2))}
    ${flow.consumers.map((c, i) => [
      edge(X.topic + W, topicY(c.topic) + H / 2, X.queue, rowY(i) + H / 2),
      edge(X.queue + W, rowY(i) + H / 2, X.fn, rowY(i) + H / 2),
      edge(X.queue + W / 2, rowY(i) + H, X.queue + W / 2, rowY(i) + H + 12, true),
    ])}
    <${Node} x=${X.publish} y=${mid} title="publish" lines=${[fnLine(flow.publish.function)]} />
    <${Node} x=${X.events} y=${mid} title="events table" lines=${[`${flow.events.stored ?? '–'} stored${rate(rates.stored)}`]} />
    <${Node} x=${X.relay} y=${mid} title="relay" lines=${[fnLine(flow.relay.function)]} />
    ${flow.topics.map(
      (t) =>
        html`<${Node} x=${X.topic} y=${topicY(t.name)} title=${`topic ${t.name}`} lines=${[`${t.published ?? '–'} published${rate(rates.published[t.name])}`]} />`,
    )}
    ${flow.consumers.map(
      (c, i) => html`
        <${Node} x=${X.queue} y=${rowY(i)} title=${`queue ${c.name}`} lines=${[`${c.queue.visible} queued · ${c.queue.inFlight} in flight`, `oldest ${c.queue.oldestAgeSeconds ?? '–'} s`]} />
        <${Node} x=${X.queue} y=${rowY(i) + H + 12} title=${`DLQ ${c.name}-dlq`} tone=${c.dlq.visible > 0 ? 'bad' : undefined} lines=${[`${c.dlq.visible} in DLQ`]} />
        <${Node} x=${X.fn} y=${rowY(i)} title=${`fn ${c.name}`} tone=${c.failed > 0 ? 'warn' : undefined} lines=${[`${c.handled} handled · ${c.deduplicated} dedup`, fnLine(c.function)]} />
      `,
    )}
  </svg>`
}
