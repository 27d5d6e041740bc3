/**
 * SNS PublishBatch in the query protocol, as the proxy needs it to fail some entries: the request
 * is form-encoded (`PublishBatchRequestEntries.member.<n>.<field>`, n from 1 and contiguous), the
 * answer XML with a `<Successful>` and a `<Failed>` list of `<member>`s. Only the fields the proxy
 * reads or rewrites are modelled; every other parameter travels through untouched.
 */

/** One entry of a PublishBatch call, as a chooser of failing entries sees it. */
export interface BatchEntryView {
  topicArn: string
  /** The entry's `Id` (unique within the call). */
  id: string
  /** Position in the call, from 0. */
  index: number
  message: string
  messageGroupId?: string
  messageDeduplicationId?: string
}

/** A PublishBatch request split into its entries. */
export interface ParsedPublishBatch {
  topicArn: string
  entries: BatchEntryView[]
  /** Rebuilds the form body with only the entries at `keep` (positions), renumbered from 1. */
  bodyWith(keep: readonly number[]): string
}

const MEMBER = /^PublishBatchRequestEntries\.member\.(\d+)\.(.*)$/s

/** The entries of a form-encoded PublishBatch body, or undefined for any other action. */
export function parsePublishBatch(body: string): ParsedPublishBatch | undefined {
  const params = new URLSearchParams(body)
  if (params.get('Action') !== 'PublishBatch') return undefined
  const common: Array<[string, string]> = []
  const members = new Map<number, Array<[string, string]>>()
  for (const [key, value] of params) {
    const match = MEMBER.exec(key)
    if (!match) {
      common.push([key, value])
      continue
    }
    const n = Number(match[1])
    const fields = members.get(n) ?? []
    fields.push([match[2] as string, value])
    members.set(n, fields)
  }
  const ordered = [...members.entries()].sort(([a], [b]) => a - b).map(([, fields]) => new Map(fields))
  const topicArn = params.get('TopicArn') ?? ''
  return {
    topicArn,
    entries: ordered.map((fields, index) => ({
      topicArn,
      id: fields.get('Id') ?? '',
      index,
      message: fields.get('Message') ?? '',
      ...optional('messageGroupId', fields.get('MessageGroupId')),
      ...optional('messageDeduplicationId', fields.get('MessageDeduplicationId')),
    })),
    bodyWith(keep) {
      const out = new URLSearchParams(common)
      keep.forEach((position, i) => {
        for (const [field, value] of ordered[position] ?? [])
          out.append(`PublishBatchRequestEntries.member.${i + 1}.${field}`, value)
      })
      return out.toString()
    },
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A `<Failed>` member as SNS writes one for a service-side failure (SenderFault false). */
export function failedMember(id: string, code: string, message: string): string {
  return `<member><Id>${escapeXml(id)}</Id><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><SenderFault>false</SenderFault></member>`
}

/**
 * Adds `members` to the `<Failed>` list of a PublishBatch answer, keeping what the engine reported
 * (its successes and its own failures).
 */
export function withFailedMembers(xml: string, members: readonly string[]): string {
  const added = members.join('')
  if (xml.includes('<Failed/>')) return xml.replace('<Failed/>', `<Failed>${added}</Failed>`)
  if (xml.includes('</Failed>')) return xml.replace('</Failed>', `${added}</Failed>`)
  return xml.replace('</PublishBatchResult>', `<Failed>${added}</Failed></PublishBatchResult>`)
}

/** The whole answer when every entry of a call is failed (nothing is forwarded: an empty batch is invalid). */
export function publishBatchAnswer(members: readonly string[], requestId: string): string {
  return (
    '<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult>' +
    `<Successful></Successful><Failed>${members.join('')}</Failed></PublishBatchResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishBatchResponse>`
  )
}
