/**
 * Real AWS Lambda event samples (test/fixtures/aws-events, from Powertools for AWS Lambda, MIT-0), so
 * tests check that handlers and the local runtime accept and produce the shapes AWS sends.
 */
import { readFileSync } from 'node:fs'

/** Directory of the samples. */
export const AWS_EVENTS_DIR = new URL('../fixtures/aws-events/', import.meta.url)

/** Parses one sample, e.g. `loadAwsEvent('sqs-base.json')`. */
export function loadAwsEvent<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, AWS_EVENTS_DIR), 'utf8')) as T
}
