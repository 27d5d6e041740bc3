/**
 * Limits of one append, shared by the adapters so both reject the same requests.
 */

/**
 * Events per append. DynamoDB's TransactWriteItems takes at most 100 actions; one is reserved for
 * the idempotency guard written in the same transaction.
 */
export const MAX_EVENTS_PER_APPEND = 99

/**
 * Bytes of event data+metadata per append. TransactWriteItems caps a transaction at 4 MB in total;
 * we keep ~96 KB for keys, attribute names and the guard item.
 */
export const MAX_APPEND_BYTES = 4_000_000

/** How long an idempotency guard answers retries (the IETF draft leaves it to the server; 24 h). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60

/** Attempts of an append without expectedVersion under contention before giving up. */
export const MAX_APPEND_ATTEMPTS = 10
