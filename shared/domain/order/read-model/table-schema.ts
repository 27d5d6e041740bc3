/**
 * The read-model table's physical schema, read by both the CDK stack and the local runtime.
 * A single table holds every consumer's projections, told apart by key prefixes
 * (`order#<id>` / `summary`, `notification#<id>` / `<eventId>`).
 */
export const ReadModelTableSchema = {
  /** Entity key, `<kind>#<id>` (S). */
  partitionKey: 'pk',
  /** Item within the entity, e.g. `summary` or an event id (S). */
  sortKey: 'sk',
} as const
