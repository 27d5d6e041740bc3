/**
 * Adds two amounts as decimals, the way DynamoDB's ADD does, instead of in binary floating point:
 * 0.1 + 0.2 is 0.3 here and in a DynamoDB item, but 0.30000000000000004 in plain JavaScript. The
 * order reducer sums payments with it, so `GET /streams/{id}` and the read model (which adds with
 * ADD) show the same number. Each operand is taken as its shortest decimal form (`String(n)`), the
 * form the SDK sends to DynamoDB.
 */
export function addDecimal(a: number, b: number): number {
  const x = toDecimal(a)
  const y = toDecimal(b)
  const scale = Math.max(x.scale, y.scale)
  const sum = x.digits * 10n ** BigInt(scale - x.scale) + y.digits * 10n ** BigInt(scale - y.scale)
  return Number(`${sum}e-${scale}`)
}

/** `n` as `digits × 10^-scale`, exact, from its shortest decimal form (which may use an exponent). */
function toDecimal(n: number): { digits: bigint; scale: number } {
  const [mantissa = '0', exponent = '0'] = String(n).split('e')
  const [whole = '0', fraction = ''] = mantissa.split('.')
  const scale = fraction.length - Number(exponent)
  const digits = BigInt(whole + fraction)
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 }
}
