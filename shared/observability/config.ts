import * as z from 'zod/mini'
import { defineConfigSection } from '../config.ts'

/** Logger and metrics settings of a function. */
export interface ObservabilityConfig {
  serviceName: string
  metricsNamespace: string
}

/**
 * Loads `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_METRICS_NAMESPACE` (Powertools' own variable
 * names, so its utilities and ours agree). Required: metrics without a namespace would be dropped.
 */
export const loadObservabilityConfig = defineConfigSection(
  {
    POWERTOOLS_SERVICE_NAME: z.string().check(z.minLength(1)),
    POWERTOOLS_METRICS_NAMESPACE: z.string().check(z.minLength(1)),
  },
  (v): ObservabilityConfig => ({
    serviceName: v.POWERTOOLS_SERVICE_NAME,
    metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE,
  }),
)
