/**
 * Resolves the catalogue's environment sources (`shared/topology/catalogue.ts`) to this stack's
 * resources: table names, the deployed topology as JSON (`TOPIC_ARNS`, `EVENT_ROUTES`,
 * `CONSUMER_QUEUES`) and consumer DLQ URLs. Values are lazy, so a function may be built before the
 * last consumer queue exists; an unknown table or consumer fails the synth naming it.
 */
import { Lazy, Stack } from 'aws-cdk-lib'
import type { ITable } from 'aws-cdk-lib/aws-dynamodb'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import type { ITopic } from 'aws-cdk-lib/aws-sns'
import type { IQueue } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'
import { deployedProjectionsOf } from '../../shared/projection/config.ts'
import {
  type FunctionSpec,
  type ResourceSource,
  resolveEnvironment,
} from '../../shared/topology/catalogue.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'
import { deployedTopologyOf } from '../../shared/topology/deployed.ts'
import { InfraConfigError } from './errors.ts'

/** The stack's resources that functions find through their environment. */
export class DeploymentEnvironment {
  readonly #scope: Construct
  readonly #declaration: BackboneDeclaration
  readonly #tables = new Map<string, ITable>()
  readonly #topics = new Map<string, ITopic>()
  readonly #queues = new Map<string, { queue: IQueue; deadLetterQueue: IQueue }>()
  readonly #consumerFunctions = new Map<string, IFunction>()

  constructor(scope: Construct, declaration: BackboneDeclaration) {
    this.#scope = scope
    this.#declaration = declaration
  }

  addTable(name: string, table: ITable): void {
    this.#tables.set(name, table)
  }

  addTopic(name: string, topic: ITopic): void {
    this.#topics.set(name, topic)
  }

  addConsumerQueues(consumer: string, queues: { queue: IQueue; deadLetterQueue: IQueue }): void {
    this.#queues.set(consumer, queues)
  }

  /** A consumer's function (projections are rebuilt by invoking theirs). */
  addConsumerFunction(consumer: string, fn: IFunction): void {
    this.#consumerFunctions.set(consumer, fn)
  }

  /** The variables of `spec`, resolved (lazily) against this stack. */
  resolve(spec: FunctionSpec): Record<string, string> {
    return resolveEnvironment(spec, (source) =>
      Lazy.string({ produce: () => this.#value(source, spec.name) }),
    )
  }

  #value(source: ResourceSource, functionName: string): string {
    if ('table' in source) {
      const table = this.#tables.get(source.table)
      if (table === undefined) throw new UnknownResourceError(functionName, `table "${source.table}"`)
      return table.tableName
    }
    if ('dlqOf' in source) {
      const queues = this.#queues.get(source.dlqOf)
      if (queues === undefined) throw new UnknownResourceError(functionName, `consumer "${source.dlqOf}"`)
      return queues.deadLetterQueue.queueUrl
    }
    const stack = Stack.of(this.#scope)
    if (source.topology === 'projections') return stack.toJsonString(this.#projections(functionName))
    return stack.toJsonString(this.#deployed()[source.topology])
  }

  #projections(functionName: string) {
    const lookup = <T>(map: Map<string, T>, name: string, what: string): T => {
      const found = map.get(name)
      if (found === undefined) throw new UnknownResourceError(functionName, `${what} "${name}"`)
      return found
    }
    return deployedProjectionsOf(
      this.#declaration,
      (table) => lookup(this.#tables, table, 'table').tableName,
      (consumer) => lookup(this.#consumerFunctions, consumer, 'consumer function').functionName,
    )
  }

  #deployed() {
    const topicArns = Object.fromEntries([...this.#topics].map(([name, topic]) => [name, topic.topicArn]))
    const queues = Object.fromEntries(
      [...this.#queues].map(([name, { queue, deadLetterQueue }]) => [
        name,
        {
          queueUrl: queue.queueUrl,
          queueArn: queue.queueArn,
          dlqUrl: deadLetterQueue.queueUrl,
          dlqArn: deadLetterQueue.queueArn,
        },
      ]),
    )
    return deployedTopologyOf(this.#declaration, topicArns, queues)
  }
}

/** A function's environment names a table or consumer the stack does not have. */
export class UnknownResourceError extends InfraConfigError {
  constructor(functionName: string, what: string) {
    super(`function "${functionName}" needs ${what}, which the declaration does not declare`)
    this.name = 'UnknownResourceError'
  }
}
