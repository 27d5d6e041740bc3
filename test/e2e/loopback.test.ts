/**
 * `npm start` is reachable from this machine only: every socket it listens on is bound to loopback.
 * Read from the kernel (/proc), not from our own bookkeeping, so an engine that bound elsewhere (say,
 * fauxqs after a change of its listen call) fails here. Linux only, as CI is.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { freePorts, type Ports, type RuntimeProcess, startRuntime } from '../helpers/process.ts'

interface Listening {
  address: string
  port: number
}

/** `0100007F:0BB8` (IPv4) or a 32-digit IPv6 address → text and port, as /proc/net/tcp* encode them. */
function decode(local: string): Listening {
  const [hex = '', portHex = ''] = local.split(':')
  const port = Number.parseInt(portHex, 16)
  if (hex.length === 8) {
    const bytes = (hex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)).reverse()
    return { address: bytes.join('.'), port }
  }
  const words = (hex.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''))
  const groups = words.join('').match(/.{4}/g) ?? []
  return { address: groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':'), port }
}

/** The TCP sockets process `pid` listens on. */
async function listeningSockets(pid: number): Promise<Listening[]> {
  const inodes = new Set<string>()
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1]
    if (inode) inodes.add(inode)
  }
  const found: Listening[] = []
  for (const table of ['tcp', 'tcp6']) {
    const lines = (await readFile(`/proc/${pid}/net/${table}`, 'utf8')).trim().split('\n').slice(1)
    for (const line of lines) {
      const [, local = '', , state, , , , , , inode = ''] = line.trim().split(/\s+/)
      if (state === '0A' && inodes.has(inode)) found.push(decode(local))
    }
  }
  return found
}

const LOOPBACK = new Set(['127.0.0.1', '0:0:0:0:0:0:0:1'])

describe('npm start on the network', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let runtime: RuntimeProcess
  let ports: Ports
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'backbone-loopback-'))
    ports = await freePorts()
    runtime = await startRuntime(ports, dataDir)
  })
  after(async () => {
    runtime?.child.kill('SIGTERM')
    await runtime?.exited
    await rm(dataDir, { recursive: true, force: true })
  })

  it('listens on loopback only, on exactly the five ports it prints', async () => {
    const pid = runtime.child.pid
    assert.ok(pid)
    const sockets = await listeningSockets(pid)
    assert.deepEqual(
      sockets.filter((s) => !LOOPBACK.has(s.address)),
      [],
      'no socket on another interface',
    )
    assert.deepEqual(
      sockets.map((s) => s.port).sort((a, b) => a - b),
      [ports.http, ports.lambda, ports.aws, ports.dynamodb, ports.studio].sort((a, b) => a - b),
    )
  })
})
