/**
 * Options every SDK client shares. Keep-alive matters on Lambda: without it each call pays a new
 * TLS handshake (tens of ms). SDK v3 already defaults to keep-alive on Node; we set it explicitly
 * so a local endpoint (plain http) gets it too and the choice is visible.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { BaseConfig } from '../config.ts'

/** Extra client settings, e.g. static credentials in tests. */
export interface ClientOverrides {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Overrides the endpoint taken from config. */
  endpoint?: string
  maxAttempts?: number
}

const agents = {
  httpAgent: new HttpAgent({ keepAlive: true }),
  httpsAgent: new HttpsAgent({ keepAlive: true }),
}

/** Common constructor options of a client for `service`, its endpoint taken from config. */
export function clientOptions(
  config: BaseConfig,
  endpoint: string | undefined,
  overrides: ClientOverrides = {},
) {
  return {
    region: config.region,
    endpoint: overrides.endpoint ?? endpoint,
    credentials: overrides.credentials,
    maxAttempts: overrides.maxAttempts,
    requestHandler: agents,
  }
}

/** A per-service cache: one client per (region, endpoint), made on first use, reused for the process life. */
export function clientCache<C>(): (config: BaseConfig, endpoint: string | undefined, make: () => C) => C {
  const clients = new Map<string, C>()
  return (config, endpoint, make) => {
    const key = `${config.region} ${endpoint ?? ''}`
    let client = clients.get(key)
    if (client === undefined) {
      client = make()
      clients.set(key, client)
    }
    return client
  }
}
