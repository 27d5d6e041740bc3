import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { childTraceParent, parseTraceParent } from '../../shared/observability/tracing.ts'

const FORMAT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

describe('trace context', () => {
  it('starts a new, valid trace for a request without one, never the same ids twice', () => {
    // 10,000 requests draw ~240 KB of ids: the entropy pool is refilled many times over.
    const values = Array.from({ length: 10_000 }, () => childTraceParent({}))
    for (const value of values) {
      assert.match(value, FORMAT)
      assert.ok(parseTraceParent(value), `${value} is a valid traceparent`)
    }
    assert.equal(new Set(values.map((v) => v.slice(3, 35))).size, values.length, 'trace ids are unique')
    assert.equal(new Set(values.map((v) => v.slice(36, 52))).size, values.length, 'span ids are unique')
  })

  it("continues the caller's trace and flags with a new span id of its own", () => {
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00'
    const child = parseTraceParent(childTraceParent({ traceparent: caller }))
    assert.equal(child?.traceId, '4bf92f3577b34da6a3ce929d0e0e4736')
    assert.equal(child?.flags, '00')
    assert.notEqual(child?.parentId, '00f067aa0ba902b7')
  })

  it('joins the X-Ray trace when there is no traceparent, and ignores an all-zero one', () => {
    const xray = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'
    const child = parseTraceParent(
      childTraceParent({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, xAmznTraceId: xray }),
    )
    assert.equal(child?.traceId, '5759e988bd862e3fe1be46a994272793')
  })
})
