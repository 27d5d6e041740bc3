/** Throughput (events stored and handled per second) and mean publish-to-consumer latency, with uPlot. */
import 'uplot/dist/uPlot.min.css'
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import { html } from '../html.ts'
import type { FlowSnapshot } from '../types.ts'

const HEIGHT = 200
/** The history the server keeps: 60 buckets of 5 s. */
const WINDOW_S = 300

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      // Always the last five minutes (what the server keeps), not the span of the points: a single
      // point would otherwise stretch the axis over years.
      x: { time: true, range: (): uPlot.Range.MinMax => [Date.now() / 1000 - WINDOW_S, Date.now() / 1000] },
      // From zero: a rate or a latency read against an axis that starts elsewhere misleads.
      y: { range: (_u, _min, max): uPlot.Range.MinMax => [0, Math.max(1, max)] },
      ms: { range: (_u, _min, max): uPlot.Range.MinMax => [0, Math.max(100, max)] },
    },
    axes: [
      {},
      { label: 'events/s', scale: 'y' },
      { label: 'latency ms', scale: 'ms', side: 1, grid: { show: false } },
    ],
    series: [
      {},
      { label: 'stored/s', stroke: '#1f5fbf', width: 2, scale: 'y' },
      { label: 'handled/s', stroke: '#2e7d32', width: 2, scale: 'y' },
      { label: 'latency', stroke: '#b25b00', width: 2, dash: [6, 4], scale: 'ms' },
    ],
  }
}

function data(history: FlowSnapshot['history']): uPlot.AlignedData {
  return [
    history.map((b) => b.time / 1000),
    history.map((b) => b.storedPerSecond),
    history.map((b) => b.handledPerSecond),
    history.map((b) => b.meanLatencyMs),
  ]
}

export function FlowChart(props: { history: FlowSnapshot['history'] }) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    plot.current = new uPlot(options(el.clientWidth || 600), data(props.history), el)
    const resize = () => plot.current?.setSize({ width: el.clientWidth || 600, height: HEIGHT })
    addEventListener('resize', resize)
    return () => {
      removeEventListener('resize', resize)
      plot.current?.destroy()
    }
  }, [])
  useEffect(() => {
    plot.current?.setData(data(props.history))
  }, [props.history])
  const last = props.history.at(-1)
  return html`<figure class="chart">
    <div ref=${box} role="img" aria-label=${`Throughput and latency over the last minutes${last ? `; latest ${last.storedPerSecond} stored/s, ${last.handledPerSecond} handled/s` : ''}`}></div>
    <figcaption>
      <span class="key stored">stored/s</span> <span class="key handled">handled/s</span>
      <span class="key latency">mean publish → handled latency (ms, right axis)</span>, 5-second buckets
    </figcaption>
  </figure>`
}
