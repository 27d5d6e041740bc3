/**
 * How SDK clients reach the local stack's engines and endpoints: one region, and fixed credentials
 * (the engines accept any; fixed ones keep the SDK from searching for a profile).
 */

/** The region the local stack and its functions run in, unless told otherwise. */
export const LOCAL_REGION = 'us-east-1'

/** The local credentials: what the SDK clients sign with, and what the local IAM authorizer checks. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const

/** Client configuration for an SDK client talking to a local `endpoint`. */
export function localClientConfig(
  endpoint: string,
  region: string = LOCAL_REGION,
): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  return { endpoint, region, credentials: { ...LOCAL_CREDENTIALS } }
}
