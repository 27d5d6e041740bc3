/**
 * Event Studio's request guard: only its own loopback address, and changes only from its own origin
 * with the token made at start.
 */
import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { describe, it } from 'node:test'
import { RequestGuard, TOKEN_HEADER } from '../../infra/local/studio/security.ts'

const guard = new RequestGuard(() => 3002, 'secret-token')
const request = (method: string, headers: Record<string, string>) =>
  ({ method, headers: { host: '127.0.0.1:3002', ...headers } }) as unknown as IncomingMessage
const post = (headers: Record<string, string>) => guard.refusal(request('POST', headers))

describe("the studio's request guard", () => {
  it('lets reads through on its loopback address, by IP or localhost', () => {
    assert.equal(guard.refusal(request('GET', {})), undefined)
    assert.equal(guard.refusal(request('GET', { host: 'localhost:3002' })), undefined)
  })

  it('refuses any request addressed to another host name (DNS rebinding)', () => {
    assert.match(
      guard.refusal(request('GET', { host: 'attacker.example:3002' })) ?? '',
      /not the studio's address/,
    )
    assert.match(guard.refusal(request('GET', { host: '127.0.0.1:3003' })) ?? '', /not the studio's address/)
  })

  it('accepts a change from its own origin with the token', () => {
    assert.equal(post({ origin: 'http://127.0.0.1:3002', [TOKEN_HEADER]: 'secret-token' }), undefined)
    assert.equal(post({ 'sec-fetch-site': 'same-origin', [TOKEN_HEADER]: 'secret-token' }), undefined)
  })

  it('refuses a change from another origin, even with the token', () => {
    for (const origin of [
      'http://evil.example',
      'https://127.0.0.1:3002',
      'null',
      'http://127.0.0.1:3002.evil.example',
    ]) {
      assert.match(post({ origin, [TOKEN_HEADER]: 'secret-token' }) ?? '', /cross-site/, origin)
    }
    assert.match(post({ 'sec-fetch-site': 'cross-site', [TOKEN_HEADER]: 'secret-token' }) ?? '', /cross-site/)
    assert.match(
      post({ [TOKEN_HEADER]: 'secret-token' }) ?? '',
      /cross-site/,
      'neither Origin nor Sec-Fetch-Site',
    )
  })

  it('refuses a change from its own origin without the right token', () => {
    const origin = 'http://127.0.0.1:3002'
    assert.match(post({ origin }) ?? '', new RegExp(TOKEN_HEADER))
    assert.match(post({ origin, [TOKEN_HEADER]: 'secret-tokeN' }) ?? '', new RegExp(TOKEN_HEADER))
    assert.match(post({ origin, [TOKEN_HEADER]: '' }) ?? '', new RegExp(TOKEN_HEADER))
  })
})
