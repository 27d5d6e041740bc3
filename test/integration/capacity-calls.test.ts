/**
 * The capacity model's calls per event (`scripts/lib/capacity/calls-per-event.ts`) are the bench's:
 * this runs the bench's `calls` part as `npm run bench -- --only=calls` does and compares every
 * command it counted, per request or per event, with the committed profile.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { measuredCalls } from '../../scripts/lib/capacity/calls-per-event.ts'
import { runBenchPart } from '../helpers/bench-part.ts'

/** `"10 requests: Query×11 PutItem×9"` → `{ Query: 1.1, PutItem: 0.9 }`. */
function perUnit(note: string): Record<string, number> {
  const [, units, list] = /^(\d+) \w+(?: in [^:]*)?: (.*)$/.exec(note) ?? []
  assert.ok(units && list !== undefined, `unreadable note: ${note}`)
  return Object.fromEntries(
    list.split(' ').map((part) => {
      const [name, n] = part.split('×')
      return [name ?? '', Number(n) / Number(units)]
    }),
  )
}

describe('capacity: calls per event', () => {
  it('match what the bench counts on every path the cost model uses', { timeout: 60_000 }, async () => {
    const figures = await runBenchPart('calls')
    for (const path of Object.values(measuredCalls)) {
      const fig = figures.find((f) => f.name === path.figure)
      assert.ok(fig?.note, `the bench has no figure "${path.figure}"`)
      const counted = perUnit(fig.note)
      for (const [command, expected] of Object.entries(path.calls)) {
        // The table's first write also carries the history marker, once: a tenth of a call at most.
        const got = counted[command] ?? 0
        assert.ok(
          Math.abs(got - expected) <= 0.11,
          `${path.figure}: ${command} ${got} a ${path.per}, committed ${expected}`,
        )
      }
      // A command the bench counts that the profile lacks would be a cost the model leaves out.
      for (const [command, got] of Object.entries(counted)) {
        assert.ok(
          command in path.calls || got <= 0.11,
          `${path.figure}: ${command} (${got} a ${path.per}) is not in the profile`,
        )
      }
    }
  })
})
