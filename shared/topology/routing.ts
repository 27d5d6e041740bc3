/**
 * Which topic an event type is published to. The relay and replay read the routes from their
 * environment (`EVENT_ROUTES`), so a deployment routes as it was declared, not as this code was built.
 */

/** The routes of a deployment: event type → topic, and the topic of every other type. */
export interface EventRoutes {
  readonly routes: Readonly<Record<string, string>>
  readonly defaultTopic: string
}

/** The topic `type` is published to. */
export function topicOf(routing: EventRoutes, type: string): string {
  return Object.hasOwn(routing.routes, type) ? (routing.routes[type] as string) : routing.defaultTopic
}
