/** Schemas: every event type and version with its JSON Schema and the consumers that receive it. */
import { getJson } from '../api.ts'
import { json } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'

interface Schema {
  type: string
  version: number
  file: string
  schema: unknown
  consumers: string[]
}

export function SchemasPage() {
  const { value, error } = usePoll(() => getJson<Schema[]>('/api/schemas'), 0)
  return html`<h1>Schemas</h1>
    <p class="muted">From the committed contracts (<code>npm run contracts</code>): the JSON Schema of each event type's data per version, and the consumers whose filter policy lets it through.</p>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${
      value &&
      html`<div class="scroll" tabindex="0" role="region" aria-label="Event schemas"><table>
      <thead><tr><th scope="col">type</th><th scope="col">version</th><th scope="col">received by</th><th scope="col">schema</th></tr></thead>
      <tbody>${value.map(
        (s) => html`<tr data-type=${s.type}><th scope="row">${s.type}</th><td>v${s.version}</td>
          <td>${s.consumers.length > 0 ? s.consumers.join(', ') : html`<span class="muted">no consumer</span>`}</td>
          <td><details><summary>${s.file}</summary><pre>${json(s.schema)}</pre></details></td></tr>`,
      )}</tbody>
    </table></div>`
    }`
}
