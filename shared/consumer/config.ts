/**
 * Settings of a consumer function, read once from the environment and validated. A section of its
 * own (`defineConfigSection`), so only consumer functions require these variables.
 */
import * as z from 'zod/mini'
import { defineConfigSection } from '../config.ts'
import { DEFAULT_DEDUP_RETENTION_SECONDS } from './dynamodb/dynamodb-dedup-store.ts'

/** A consumer function's own settings. */
export interface ConsumerConfig {
  /** `CONSUMER_NAME`; when set it must equal the name the consumer module declares. */
  consumerName: string | undefined
  /** `DLQ_URL`: the consumer's dead-letter queue, where poison messages go at once. */
  dlqUrl: string
  /** `DEDUP_TABLE_NAME`. */
  dedupTableName: string
  /** `DEDUP_RETENTION_SECONDS`: how long a handled event id is remembered (default 14 days). */
  dedupRetentionSeconds: number
  /** `POWERTOOLS_METRICS_NAMESPACE` (default `EventBackbone`). */
  metricsNamespace: string
}

/** Loads the consumer settings; throws `ConfigError` naming the first missing or malformed variable. */
export const loadConsumerConfig = defineConfigSection(
  {
    CONSUMER_NAME: z.optional(z.string().check(z.minLength(1))),
    DLQ_URL: z.url(),
    DEDUP_TABLE_NAME: z.string().check(z.minLength(1)),
    DEDUP_RETENTION_SECONDS: z._default(
      z.coerce.number().check(z.int(), z.positive()),
      DEFAULT_DEDUP_RETENTION_SECONDS,
    ),
    POWERTOOLS_METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1)), 'EventBackbone'),
  },
  (v): ConsumerConfig => ({
    consumerName: v.CONSUMER_NAME,
    dlqUrl: v.DLQ_URL,
    dedupTableName: v.DEDUP_TABLE_NAME,
    dedupRetentionSeconds: v.DEDUP_RETENTION_SECONDS,
    metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE,
  }),
)
