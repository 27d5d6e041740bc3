/**
 * Sum of quantity × unitPrice over an order's items. Integer cents would avoid float drift; prices
 * arrive as decimals, so the sum is rounded to 1/100 instead.
 */
export const orderTotal = (items: readonly { quantity: number; unitPrice: number }[]): number =>
  Math.round(items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) * 100) / 100
