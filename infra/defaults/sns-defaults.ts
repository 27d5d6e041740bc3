/** SNS defaults: topics refuse plain HTTP publishers (the key is added by the construct that owns it). */
import type { TopicProps } from 'aws-cdk-lib/aws-sns'

/** Properties every topic starts from. */
export const topicDefaults = {
  enforceSSL: true,
} as const satisfies TopicProps
