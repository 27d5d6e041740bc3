/**
 * The AWS quotas and prices the capacity model uses, each with where it was read and when. Region:
 * US East (N. Virginia), the only one recorded; `--region` refuses another rather than guessing.
 *
 * `source.kind` says how far to trust a figure:
 * - `aws`: read on an AWS documentation or pricing page (the URL);
 * - `secondary`: the AWS page named in `check` did not show the number in the stored copy we could
 *   read, so it comes from the third-party page in `url` (dated); check it before relying on it;
 * - `unconfirmed`: no stored page showed it; the value is the commonly published one, to be checked
 *   on the page in `check`.
 */

/** How a figure was sourced. */
export const SourceKind = { Aws: 'aws', Secondary: 'secondary', Unconfirmed: 'unconfirmed' } as const
export type SourceKind = (typeof SourceKind)[keyof typeof SourceKind]

export interface AwsFigure {
  readonly value: number
  readonly unit: string
  readonly what: string
  readonly source: {
    readonly kind: SourceKind
    readonly url: string
    /** The page's own date when it shows one, else the day it was read. */
    readonly date: string
    /** The AWS page to check, when `url` is not one. */
    readonly check?: string
  }
}

/** The only region whose figures are recorded. */
export const FIGURES_REGION = 'us-east-1'

const READ = 'read 2026-12-01'

export const awsFigures = {
  partitionWriteUnits: {
    value: 1000,
    unit: 'write units/s',
    what: 'DynamoDB: writes one partition takes (tables and indexes alike)',
    source: {
      kind: 'aws',
      url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html',
      date: READ,
    },
  },
  partitionReadUnits: {
    value: 3000,
    unit: 'read units/s',
    what: 'DynamoDB: reads one partition takes',
    source: {
      kind: 'aws',
      url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html',
      date: READ,
    },
  },
  transactionalWriteFactor: {
    value: 2,
    unit: 'write units per item ≤ 1 KB',
    what: 'DynamoDB: a transactional write costs twice a standard one',
    source: { kind: 'aws', url: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', date: READ },
  },
  writeRequestUnitPrice: {
    value: 0.625,
    unit: 'USD per million write request units',
    what: 'DynamoDB on-demand writes (Standard table class)',
    source: {
      kind: 'secondary',
      url: 'https://costpatrol.io/blog/dynamodb-on-demand-vs-provisioned-pricing',
      date: READ,
      check: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    },
  },
  readRequestUnitPrice: {
    value: 0.125,
    unit: 'USD per million read request units',
    what: 'DynamoDB on-demand reads (Standard table class)',
    source: {
      kind: 'secondary',
      url: 'https://costpatrol.io/blog/dynamodb-on-demand-vs-provisioned-pricing',
      date: READ,
      check: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    },
  },
  streamReadPriceForLambda: {
    value: 0,
    unit: 'USD',
    what: 'DynamoDB Streams: GetRecords calls made by a Lambda trigger are free',
    source: {
      kind: 'aws',
      url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CostOptimization_StreamsUsage.html',
      date: READ,
    },
  },
  maxParallelizationFactor: {
    value: 10,
    unit: 'concurrent batches per shard',
    what: 'Lambda stream mapping: ParallelizationFactor at most 10 (default 1)',
    source: {
      kind: 'aws',
      url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html',
      date: READ,
    },
  },
  lambdaAccountConcurrency: {
    value: 1000,
    unit: 'concurrent executions per region',
    what: 'Lambda: default account concurrency (new accounts start lower)',
    source: { kind: 'aws', url: 'https://docs.aws.amazon.com/lambda/latest/dg/limits.html', date: READ },
  },
  snsStandardPublishQuota: {
    value: 30_000,
    unit: 'messages/s per account',
    what: 'SNS: Publish/PublishBatch throttle for standard topics in us-east-1 (each batch entry counts)',
    source: {
      kind: 'unconfirmed',
      url: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
      date: READ,
      check: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
    },
  },
  snsFifoPublishQuota: {
    value: 3000,
    unit: 'messages/s per region',
    what: 'SNS: Publish/PublishBatch throttle for FIFO topics (regional)',
    source: {
      kind: 'secondary',
      url: 'https://www.repost.aws/questions/QU-TR2wYBeTzSJiptJwb58Xw/what-about-sns-fifo-topic-total-publish-throughput-in-an-account',
      date: READ,
      check: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
    },
  },
  snsPublishPrice: {
    value: 0.5,
    unit: 'USD per million publishes (64 KB chunks; each PublishBatch entry billed)',
    what: 'SNS standard topic requests',
    source: {
      kind: 'secondary',
      url: 'https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/',
      date: '2026-06-13',
      check: 'https://aws.amazon.com/sns/pricing/',
    },
  },
  snsToSqsDeliveryPrice: {
    value: 0,
    unit: 'USD',
    what: 'SNS: deliveries to SQS queues are not charged',
    source: {
      kind: 'unconfirmed',
      url: 'https://aws.amazon.com/sns/pricing/',
      date: READ,
      check: 'https://aws.amazon.com/sns/pricing/',
    },
  },
  sqsStandardRequestPrice: {
    value: 0.4,
    unit: 'USD per million requests (64 KB chunks)',
    what: 'SQS standard queue requests (first 100 billion a month)',
    source: {
      kind: 'secondary',
      url: 'https://cloudburn.io/blog/amazon-sqs-pricing',
      date: '2026-03-14',
      check: 'https://aws.amazon.com/sqs/pricing/',
    },
  },
  sqsFifoRequestPrice: {
    value: 0.5,
    unit: 'USD per million requests (64 KB chunks)',
    what: 'SQS FIFO queue requests',
    source: {
      kind: 'secondary',
      url: 'https://cloudburn.io/blog/amazon-sqs-pricing',
      date: '2026-03-14',
      check: 'https://aws.amazon.com/sqs/pricing/',
    },
  },
  sqsFifoBatchedThroughput: {
    value: 3000,
    unit: 'messages/s per queue',
    what: 'SQS FIFO: 300 calls/s per action, 10 messages a call (without high-throughput mode)',
    source: {
      kind: 'unconfirmed',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
      date: READ,
      check:
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
    },
  },
  lambdaRequestPrice: {
    value: 0.2,
    unit: 'USD per million invocations',
    what: 'Lambda requests',
    source: {
      kind: 'secondary',
      url: 'https://cloudchipr.com/blog/aws-lambda-pricing',
      date: READ,
      check: 'https://aws.amazon.com/lambda/pricing/',
    },
  },
  lambdaArmGbSecondPrice: {
    value: 0.000_013_333_4,
    unit: 'USD per GB-second',
    what: 'Lambda duration on arm64 (first 7.5 billion GB-s a month)',
    source: {
      kind: 'secondary',
      url: 'https://cloudchipr.com/blog/aws-lambda-pricing',
      date: READ,
      check: 'https://aws.amazon.com/lambda/pricing/',
    },
  },
  httpApiRequestPrice: {
    value: 1.0,
    unit: 'USD per million requests (512 KB chunks)',
    what: 'API Gateway HTTP API requests (first 300 million a month)',
    source: {
      kind: 'unconfirmed',
      url: 'https://aws.amazon.com/api-gateway/pricing/',
      date: READ,
      check: 'https://aws.amazon.com/api-gateway/pricing/',
    },
  },
} as const satisfies Record<string, AwsFigure>

export type AwsFigureName = keyof typeof awsFigures
