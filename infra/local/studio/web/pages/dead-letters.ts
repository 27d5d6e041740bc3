/** Dead letters: per consumer, its DLQ's messages with their reason and body, and a one-click redrive. */
import { useState } from 'preact/hooks'
import { getJson, postJson } from '../api.ts'
import { time } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'

interface DeadLetters {
  consumer: string
  depth: { visible: number; inFlight: number }
  messages: Array<{
    messageId: string
    failureType?: string
    failureReason?: string
    body: string
    sentAt?: string
  }>
}

function Consumer(props: { dlq: DeadLetters; onChange: () => void }) {
  const { dlq } = props
  const [result, setResult] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const redrive = async () => {
    setBusy(true)
    try {
      const out = await postJson<{ moved: number }>(
        `/api/dead-letters/${encodeURIComponent(dlq.consumer)}/redrive`,
      )
      setResult(`Moved ${out.moved} message(s) back to ${dlq.consumer}`)
    } catch (e) {
      setResult(`Redrive failed: ${(e as Error).message}`)
    } finally {
      setBusy(false)
      props.onChange()
    }
  }
  return html`<section class="dlq" data-consumer=${dlq.consumer} aria-labelledby=${`dlq-${dlq.consumer}`}>
    <h2 id=${`dlq-${dlq.consumer}`}>${dlq.consumer} <span class="muted">(<span data-testid="dlq-depth">${dlq.depth.visible}</span> in DLQ)</span></h2>
    <button type="button" onClick=${redrive} disabled=${busy || dlq.depth.visible === 0}>Redrive ${dlq.consumer}</button>
    <p role="status" data-testid="redrive-result">${result ?? ''}</p>
    ${
      dlq.messages.length > 0 &&
      html`<div class="scroll" tabindex="0" role="region" aria-label=${`Dead letters of ${dlq.consumer}`}><table>
      <thead><tr><th scope="col">sent</th><th scope="col">failure-type</th><th scope="col">failure-reason</th><th scope="col">body</th></tr></thead>
      <tbody>${dlq.messages.map(
        (
          m,
        ) => html`<tr data-message-id=${m.messageId}><td>${time(m.sentAt)}</td><td>${m.failureType ?? 'retries exhausted'}</td>
          <td data-testid="reason">${m.failureReason ?? 'failed on every receive up to maxReceiveCount'}</td>
          <td><details><summary>${m.body.slice(0, 60)}${m.body.length > 60 ? '…' : ''}</summary><pre>${m.body}</pre></details></td></tr>`,
      )}</tbody>
    </table></div>`
    }
  </section>`
}

export function DeadLettersPage() {
  const { value, error, refresh } = usePoll(() => getJson<DeadLetters[]>('/api/dead-letters'), 2000)
  return html`<h1>Dead letters</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${value?.map((dlq) => html`<${Consumer} key=${dlq.consumer} dlq=${dlq} onChange=${refresh} />`)}`
}
