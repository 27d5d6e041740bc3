import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { messageSize } from '../../shared/channels/attributes.ts'
import { chunkBySize } from '../../shared/channels/chunk.ts'
import { ChannelFailureCode, ChannelLimits } from '../../shared/channels/limits.ts'
import type { OutboundEnvelope } from '../../shared/channels/ports.ts'
import { type BatchEntry, sendInBatches } from '../../shared/channels/send-in-batches.ts'

const limits = { maxEntries: ChannelLimits.maxBatchEntries, maxBytes: ChannelLimits.maxBatchBytes }

const envelope = (id: string, padding = 0): OutboundEnvelope & { data: string } => ({
  id,
  type: 'OrderPlaced',
  subject: 'order-1',
  schemaversion: 1,
  data: 'x'.repeat(padding),
})

/** Records every chunk a send makes and accepts every entry. */
const recordingSender = () => {
  const calls: BatchEntry[][] = []
  const send = async (entries: BatchEntry[]) => {
    calls.push(entries)
    return { successfulIds: entries.map((e) => e.Id), failed: [] }
  }
  return { calls, send }
}

describe('chunking', () => {
  it('keeps every chunk within 10 entries and 256 KiB, in input order, losing no item', () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 60 })
    fc.assert(
      fc.property(sizes, (input) => {
        const { chunks, oversize } = chunkBySize(input, limits)
        for (const chunk of chunks) {
          assert.ok(chunk.length >= 1 && chunk.length <= 10)
          const bytes = chunk.reduce((sum, i) => sum + (input[i] ?? 0), 0)
          assert.ok(bytes <= ChannelLimits.maxBatchBytes)
        }
        const all = [...chunks.flat(), ...oversize].sort((a, b) => a - b)
        assert.deepEqual(
          all,
          input.map((_, i) => i),
        )
        assert.deepEqual(
          chunks.flat(),
          [...chunks.flat()].sort((a, b) => a - b),
        )
        assert.ok(oversize.every((i) => (input[i] ?? 0) > ChannelLimits.maxBatchBytes))
      }),
    )
  })

  it('fills chunks greedily, so small messages make ten-entry calls', () => {
    const { chunks } = chunkBySize(Array<number>(25).fill(100), limits)
    assert.deepEqual(
      chunks.map((c) => c.length),
      [10, 10, 5],
    )
  })
})

describe('sendInBatches', () => {
  it('sends large envelopes in calls whose measured size, attributes included, stays within 256 KiB', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 25 }),
        async (paddings) => {
          const { calls, send } = recordingSender()
          const { failed } = await sendInBatches(
            'arn:aws:sns:us-east-1:0:orders',
            paddings.map((p, i) => envelope(`e${i}`, p)),
            send,
          )
          assert.deepEqual(failed, [])
          assert.equal(calls.flat().length, paddings.length)
          for (const call of calls) {
            const bytes = call.reduce((sum, e) => sum + messageSize(e.body, e.attributes), 0)
            assert.ok(call.length <= 10 && bytes <= ChannelLimits.maxBatchBytes)
          }
        },
      ),
      { numRuns: 30 },
    )
  })

  it('reports an envelope too large for any message as MessageTooLarge and still sends the others', async () => {
    const { calls, send } = recordingSender()
    const { failed } = await sendInBatches(
      'arn:aws:sns:us-east-1:0:orders',
      [envelope('a'), envelope('big', 262_144), envelope('c')],
      send,
    )
    assert.deepEqual(
      failed.map((f) => [f.id, f.index, f.code]),
      [['big', 1, ChannelFailureCode.MessageTooLarge]],
    )
    assert.deepEqual(
      calls.flat().map((e) => JSON.parse(e.body).id),
      ['a', 'c'],
    )
  })

  it('reports entries the service failed or did not mention, by envelope id and position', async () => {
    const send = async (entries: BatchEntry[]) => ({
      successfulIds: [entries[0]?.Id ?? ''],
      failed: [{ Id: entries[1]?.Id, Code: 'InternalError', Message: 'boom' }],
    })
    const { failed } = await sendInBatches(
      'arn:aws:sns:us-east-1:0:orders',
      [envelope('a'), envelope('b'), envelope('c')],
      send,
    )
    assert.deepEqual(
      failed.map((f) => [f.id, f.index, f.code]),
      [
        ['b', 1, 'InternalError'],
        ['c', 2, ChannelFailureCode.MissingResult],
      ],
    )
  })

  it('fails the chunk whose call throws and does not attempt the chunks after it', async () => {
    let calls = 0
    const send = async (entries: BatchEntry[]) => {
      calls++
      if (calls === 2) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
      return { successfulIds: entries.map((e) => e.Id), failed: [] }
    }
    const envelopes = Array.from({ length: 25 }, (_, i) => envelope(`e${i}`))
    const { failed } = await sendInBatches('arn:aws:sns:us-east-1:0:orders', envelopes, send)
    assert.equal(calls, 2)
    assert.deepEqual(
      failed.map((f) => f.index),
      Array.from({ length: 15 }, (_, i) => i + 10),
    )
    assert.deepEqual(
      new Set(failed.map((f) => f.code)),
      new Set(['ECONNREFUSED', ChannelFailureCode.NotAttempted]),
    )
  })
})
