/**
 * Settings of a consumer function, read once from the environment and validated (H4's shared config
 * has no consumer section, so it is declared here with its `defineConfigSection`).
 */
import * as z from 'zod'
import { defineConfigSection } from '../config.ts'
import { DEFAULT_DEDUP_RETENTION_SECONDS } from './dynamodb-dedup-store.ts'

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
    CONSUMER_NAME: z.string().min(1).optional(),
    DLQ_URL: z.url(),
    DEDUP_TABLE_NAME: z.string().min(1),
    DEDUP_RETENTION_SECONDS: z.coerce.number().int().positive().default(DEFAULT_DEDUP_RETENTION_SECONDS),
    POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default('EventBackbone'),
  },
  (v): ConsumerConfig => ({
    consumerName: v.CONSUMER_NAME,
    dlqUrl: v.DLQ_URL,
    dedupTableName: v.DEDUP_TABLE_NAME,
    dedupRetentionSeconds: v.DEDUP_RETENTION_SECONDS,
    metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE,
  }),
)
