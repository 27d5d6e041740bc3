/** The replay request form: target, filters, rate and reprocess, built into the replay function's request. */
import { useState } from 'preact/hooks'
import { html } from '../html.ts'

export interface FormState {
  target: string
  streamIds: string
  types: string
  from: string
  to: string
  rate: string
  reprocess: boolean
}

export const emptyForm: FormState = {
  target: '',
  streamIds: '',
  types: '',
  from: '',
  to: '',
  rate: '',
  reprocess: false,
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** The request as DESIGN.md names it; the function validates it and answers naming any wrong field. */
export function toRequest(form: FormState): Record<string, unknown> {
  const [kind, name] = form.target.split(':')
  const filter: Record<string, unknown> = {}
  if (list(form.streamIds).length > 0) filter.streamIds = list(form.streamIds)
  if (list(form.types).length > 0) filter.types = list(form.types)
  if (form.from.trim()) filter.from = form.from.trim()
  if (form.to.trim()) filter.to = form.to.trim()
  return {
    ...(kind && name ? { target: { [kind]: name } } : {}),
    filter,
    ...(form.rate.trim() ? { ratePerSecond: Number(form.rate) } : {}),
    ...(form.reprocess ? { reprocess: true } : {}),
  }
}

function Field(props: {
  id: string
  label: string
  hint?: string
  value: string
  onInput: (v: string) => void
}) {
  return html`<div class="field">
    <label for=${props.id}>${props.label}</label>
    <input id=${props.id} value=${props.value} aria-describedby=${props.hint ? `${props.id}-hint` : undefined}
      onInput=${(e: Event) => props.onInput((e.target as HTMLInputElement).value)} />
    ${props.hint && html`<small id=${`${props.id}-hint`} class="muted">${props.hint}</small>`}
  </div>`
}

export function ReplayForm(props: {
  consumers: string[]
  topics: string[]
  busy: boolean
  onPreview: (f: FormState) => void
  onRun: (f: FormState) => void
}) {
  const [form, setForm] = useState<FormState>(emptyForm)
  const set = (key: keyof FormState) => (value: string | boolean) => setForm({ ...form, [key]: value })
  return html`<form class="replay-form" onSubmit=${(e: Event) => {
    e.preventDefault()
    props.onRun(form)
  }}>
    <div class="field">
      <label for="replay-target">Target</label>
      <select id="replay-target" value=${form.target} onChange=${(e: Event) => set('target')((e.target as HTMLSelectElement).value)}>
        <option value="">choose a consumer or a topic</option>
        ${props.consumers.map((c) => html`<option value=${`consumer:${c}`}>consumer ${c}</option>`)}
        ${props.topics.map((t) => html`<option value=${`topic:${t}`}>topic ${t} (every subscriber)</option>`)}
      </select>
    </div>
    <${Field} id="replay-streams" label="Stream ids" hint="comma-separated; empty = all streams" value=${form.streamIds} onInput=${set('streamIds')} />
    <${Field} id="replay-types" label="Event types" hint="comma-separated; empty = all types" value=${form.types} onInput=${set('types')} />
    <${Field} id="replay-from" label="From" hint="ISO-8601, e.g. 2026-01-01T00:00:00Z" value=${form.from} onInput=${set('from')} />
    <${Field} id="replay-to" label="To" hint="ISO-8601; empty = now" value=${form.to} onInput=${set('to')} />
    <${Field} id="replay-rate" label="Rate (events/s)" hint="default 100" value=${form.rate} onInput=${set('rate')} />
    <div class="field checkbox">
      <input id="replay-reprocess" type="checkbox" checked=${form.reprocess} onChange=${(e: Event) => set('reprocess')((e.target as HTMLInputElement).checked)} />
      <label for="replay-reprocess">Reprocess (idempotent consumers handle events they have seen)</label>
    </div>
    <div class="actions">
      <button type="button" disabled=${props.busy} onClick=${() => props.onPreview(form)}>Preview (dry run)</button>
      <button type="submit" class="primary" disabled=${props.busy}>Run replay</button>
    </div>
  </form>`
}
