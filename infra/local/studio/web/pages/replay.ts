/**
 * Replay: the form with a dry-run preview (count, first and last), a run followed with a live
 * progress bar, and the jobs with their status and counts, to cancel or resume. Everything goes
 * through the replay function, so the studio meets the same validation as any operator.
 */
import { useState } from 'preact/hooks'
import { getJson, postJson } from '../api.ts'
import { time } from '../format.ts'
import { usePoll } from '../hooks.ts'
import { html } from '../html.ts'
import type { FlowSnapshot, ReplayStatus } from '../types.ts'
import { type FormState, ReplayForm, toRequest } from './replay-form.ts'

const summary = (e: ReplayStatus['first']) =>
  e ? `${e.streamId} v${e.version} ${e.type} (${time(e.time)})` : '–'

function Preview(props: { status: ReplayStatus }) {
  const { status } = props
  return html`<section aria-labelledby="preview-title" class="panel" data-testid="preview">
    <h2 id="preview-title">Dry run</h2>
    <p>Would send <strong data-testid="preview-count">${status.matched}</strong> event(s).</p>
    <p>First: ${summary(status.first)}</p><p>Last: ${summary(status.last)}</p>
  </section>`
}

function Progress(props: { jobId: string }) {
  const { value: job, error } = usePoll(
    () => getJson<ReplayStatus>(`/api/replay/jobs/${encodeURIComponent(props.jobId)}`),
    500,
    [props.jobId],
  )
  const pct = job ? Math.round((job.status === 'completed' ? 1 : job.progress) * 100) : 0
  return html`<section aria-labelledby="run-title" class="panel" data-testid="run">
    <h2 id="run-title">Job <code>${props.jobId}</code></h2>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <progress max="100" value=${pct} aria-label="Replay progress">${pct}%</progress>
    <p role="status">Status <strong data-testid="run-status">${job?.status ?? 'starting'}</strong>: ${job?.sent ?? 0} sent of ${job?.matched ?? 0} matched, ${job?.failed ?? 0} failed${job?.error ? ` (${job.error})` : ''}</p>
  </section>`
}

function Jobs(props: { onError: (m: string) => void }) {
  const { value: jobs, refresh } = usePoll(() => getJson<ReplayStatus[]>('/api/replay/jobs'), 2000)
  const act = (jobId: string, action: 'cancel' | 'resume') => async () => {
    try {
      await postJson(`/api/replay/jobs/${encodeURIComponent(jobId)}/${action}`)
    } catch (e) {
      props.onError((e as Error).message)
    }
    await refresh()
  }
  return html`<section aria-labelledby="jobs-title"><h2 id="jobs-title">Jobs</h2>
    <div class="scroll" tabindex="0" role="region" aria-label="Replay jobs"><table>
      <thead><tr><th scope="col">job</th><th scope="col">target</th><th scope="col">status</th><th scope="col">matched</th><th scope="col">sent</th><th scope="col">failed</th><th scope="col">created</th><th scope="col">actions</th></tr></thead>
      <tbody>${(jobs ?? []).map(
        (
          j,
        ) => html`<tr data-job-id=${j.jobId}><td><code>${j.jobId.slice(0, 8)}</code>${j.dryRun ? ' (dry run)' : ''}</td>
          <td>${j.target.consumer ? `consumer ${j.target.consumer}` : `topic ${j.target.topic}`}</td>
          <td>${j.status}</td><td>${j.matched}</td><td>${j.sent}</td><td>${j.failed}</td><td>${time(j.createdAt)}</td>
          <td>${j.status === 'running' && html`<button type="button" aria-label=${`Cancel job ${j.jobId}`} onClick=${act(j.jobId, 'cancel')}>Cancel</button>`}
            ${j.status === 'failed' && !j.dryRun && html`<button type="button" aria-label=${`Resume job ${j.jobId}`} onClick=${act(j.jobId, 'resume')}>Resume</button>`}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`
}

export function ReplayPage() {
  const { value: flow } = usePoll(() => getJson<FlowSnapshot>('/api/flow'), 0)
  const [preview, setPreview] = useState<ReplayStatus | undefined>(undefined)
  const [jobId, setJobId] = useState<string | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const run = (kind: 'preview' | 'run') => async (form: FormState) => {
    setBusy(true)
    setError(undefined)
    try {
      const path = kind === 'preview' ? '/api/replay/preview' : '/api/replay/jobs'
      const status = await postJson<ReplayStatus>(path, toRequest(form))
      if (kind === 'preview') setPreview(status)
      else setJobId(status.jobId)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return html`<h1>Replay</h1>
    <${ReplayForm} consumers=${flow?.consumers.map((c) => c.name) ?? []} topics=${flow?.topics.map((t) => t.name) ?? []}
      busy=${busy} onPreview=${run('preview')} onRun=${run('run')} />
    ${error && html`<p role="alert" class="error" data-testid="replay-error">${error}</p>`}
    ${preview && html`<${Preview} status=${preview} />`}
    ${jobId && html`<${Progress} key=${jobId} jobId=${jobId} />`}
    <${Jobs} onError=${setError} />`
}
