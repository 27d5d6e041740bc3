import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Verdict } from '../../bench/lib/figure.ts'
import { Better, PEERS_SECTION, peerFigure } from '../../bench/peers/peer-figure.ts'
import { OrderRecordSchema } from '../../bench/peers/powertools/order-record-schema.ts'
import { snsWrappedOrderRecords } from '../../bench/peers/sns-wrapped-records.ts'
import { readIncomingMessage } from '../../shared/consumer/incoming-message.ts'

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:order-summary'
const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:orders'

describe('bench against the peers: figures', () => {
  it('reports ours over the peer, passing when ours takes no longer than the peer', () => {
    const f = peerFigure({ name: 'n', ours: 2, peer: 4, unit: 'ms', peerLabel: 'Castore', note: 'how' })
    assert.equal(f.section, PEERS_SECTION)
    assert.equal(f.ratio, 0.5)
    assert.equal(f.baselineLabel, 'Castore')
    assert.equal(f.target?.label, '≤ 1×')
    assert.equal(f.verdict, Verdict.Pass)
  })

  it('misses when ours makes more calls than the peer', () => {
    const f = peerFigure({ name: 'n', ours: 2, peer: 1, unit: 'calls', peerLabel: 'Castore', note: 'how' })
    assert.equal(f.verdict, Verdict.Miss)
  })

  it('judges a rate the other way round: ours must reach at least the peer', () => {
    const slower = peerFigure({
      name: 'n',
      ours: 90,
      peer: 100,
      unit: 'events/s',
      peerLabel: 'lib-dam',
      better: Better.Higher,
      note: 'how',
    })
    assert.equal(slower.target?.label, '≥ 1×')
    assert.equal(slower.verdict, Verdict.Miss)
  })

  it('reports a figure for information when asked not to judge it', () => {
    const f = peerFigure({
      name: 'n',
      ours: 9,
      peer: 1,
      unit: 'KiB',
      peerLabel: 'p',
      judged: false,
      note: 'how',
    })
    assert.equal(f.verdict, Verdict.Info)
  })
})

describe('bench against the peers: the records both consumers read', () => {
  it('wraps each order event in an SNS notification that the Powertools schema accepts', () => {
    for (const record of snsWrappedOrderRecords(8, QUEUE_ARN, TOPIC_ARN)) {
      const parsed = OrderRecordSchema.safeParse(record)
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues))
      assert.equal(parsed.data.body.TopicArn, TOPIC_ARN)
    }
  })

  it('carries the envelope and its filter attributes where our consumer reads them', () => {
    const [record] = snsWrappedOrderRecords(1, QUEUE_ARN, TOPIC_ARN)
    assert.ok(record)
    const message = readIncomingMessage(record)
    assert.equal(message.snsWrapped, true)
    const envelope = message.envelope as { type: string }
    assert.equal(message.attribute('type'), envelope.type)
  })

  it('rejects, with the peer schema, an event whose data breaks the order rules', () => {
    const [record] = snsWrappedOrderRecords(1, QUEUE_ARN, TOPIC_ARN)
    assert.ok(record)
    const notification = JSON.parse(record.body) as { Message: string }
    const event = JSON.parse(notification.Message) as { data: Record<string, unknown> }
    event.data.orderId = ''
    const broken = { ...record, body: JSON.stringify({ ...notification, Message: JSON.stringify(event) }) }
    assert.equal(OrderRecordSchema.safeParse(broken).success, false)
  })
})
