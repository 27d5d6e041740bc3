/**
 * Event Studio in the browser: a hash router over six pages, a skip link and a nav that marks the
 * current page. Every page reads the studio's JSON API; none talks to AWS itself.
 */
import './styles.css'
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { html } from './html.ts'
import { DeadLettersPage } from './pages/dead-letters.ts'
import { FlowPage } from './pages/flow.ts'
import { ReplayPage } from './pages/replay.ts'
import { SchemasPage } from './pages/schemas.ts'
import { StreamsPage } from './pages/streams.ts'
import { TracePage } from './pages/trace.ts'

const PAGES = [
  { path: 'flow', title: 'Flow', page: FlowPage },
  { path: 'streams', title: 'Streams', page: StreamsPage },
  { path: 'trace', title: 'Trace', page: TracePage },
  { path: 'dead-letters', title: 'Dead letters', page: DeadLettersPage },
  { path: 'replay', title: 'Replay', page: ReplayPage },
  { path: 'schemas', title: 'Schemas', page: SchemasPage },
] as const

/** `#/streams/order-1` → `['streams', 'order-1']`. */
function route(): string[] {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent)
  return parts[0] ? parts : ['flow']
}

function App() {
  const [parts, setParts] = useState(route())
  useEffect(() => {
    const onHash = () => setParts(route())
    addEventListener('hashchange', onHash)
    return () => removeEventListener('hashchange', onHash)
  }, [])
  const [name, ...rest] = parts
  const current = PAGES.find((p) => p.path === name) ?? PAGES[0]
  useEffect(() => {
    document.title = `${current.title} · Event Studio`
  }, [current])
  const Page = current.page
  return html`
    <a class="skip" href="#main" onClick=${(e: Event) => {
      e.preventDefault()
      document.getElementById('main')?.focus()
    }}>Skip to content</a>
    <header>
      <span class="brand">Event Studio</span>
      <nav aria-label="Pages">
        <ul>
          ${PAGES.map(
            (p) =>
              html`<li><a href=${`#/${p.path}`} aria-current=${p === current ? 'page' : undefined}>${p.title}</a></li>`,
          )}
        </ul>
      </nav>
    </header>
    <main id="main" tabindex="-1">
      <${Page} args=${rest} />
    </main>
  `
}

const root = document.getElementById('app')
if (root) render(html`<${App} />`, root)
