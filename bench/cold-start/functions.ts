/** The Lambda functions of the backbone, as the CDK stack and the local runtime know them. */
import { consumers } from '../../infra/topology.ts'
import type { FunctionEntry } from './bundles.ts'

/** Every function: publish, read, relay, redrive, replay, and one per topology consumer. */
export const FUNCTIONS: readonly FunctionEntry[] = [
  { name: 'publish', entry: 'functions/publish.ts' },
  { name: 'read', entry: 'functions/read.ts' },
  { name: 'relay', entry: 'functions/relay.ts' },
  { name: 'redrive', entry: 'functions/redrive.ts' },
  { name: 'replay', entry: 'functions/replay.ts' },
  ...consumers.map((c) => ({ name: c.name, entry: c.entry })),
]
