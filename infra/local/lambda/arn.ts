/**
 * Function ARNs of the local runtime. The account id is the all-zero placeholder that local AWS
 * emulators conventionally use, so ARNs look real but can never point at a real account.
 */

/** The account id every local ARN carries. */
export const LOCAL_ACCOUNT_ID = '000000000000'

/** `arn:aws:lambda:<region>:000000000000:function:<name>`, as `context.invokedFunctionArn` shows it. */
export function functionArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`
}

/** A function reference as the Invoke API accepts it: name and optional qualifier (version or alias). */
export interface FunctionReference {
  name: string
  qualifier?: string
}

const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9_-]+)(?::([$\w-]+))?$/
const PARTIAL_ARN = /^\d{12}:function:([a-zA-Z0-9_-]+)(?::([$\w-]+))?$/
const NAME = /^([a-zA-Z0-9_-]+)(?::([$\w-]+))?$/

/**
 * Parses the three forms Lambda accepts for `FunctionName`: `name`, `123456789012:function:name` and
 * the full ARN, each with an optional `:qualifier`. Returns undefined for anything else.
 */
export function parseFunctionReference(value: string): FunctionReference | undefined {
  const match = FULL_ARN.exec(value) ?? PARTIAL_ARN.exec(value) ?? NAME.exec(value)
  const name = match?.[1]
  if (name === undefined) return undefined
  const qualifier = match?.[2]
  return qualifier === undefined ? { name } : { name, qualifier }
}
