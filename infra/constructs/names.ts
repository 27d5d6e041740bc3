/** Construct and output ids from topology names (`order-summary` → `OrderSummary`). */

/** `order-summary` → `OrderSummary`: a valid construct, logical and CloudFormation output id. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}
