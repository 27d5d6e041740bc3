/**
 * Route keys as API Gateway HTTP APIs declare them ('GET /streams/{streamId}', 'ANY /{proxy+}',
 * '$default'), matched the way API Gateway does: the most specific route wins, a greedy `{name+}`
 * route only when nothing more specific matches, `$default` last.
 */
import { InvalidRouteKeyError } from './errors.ts'

/** One route of the API and the function that serves it. */
export interface RouteDefinition {
  routeKey: string
  functionName: string
}

/** The route a request matched, with its decoded path parameters (absent when it has none). */
export interface RouteMatch {
  routeKey: string
  functionName: string
  pathParameters?: Record<string, string>
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param' | 'greedy'; name: string }

interface CompiledRoute extends RouteDefinition {
  method: string
  segments: Segment[]
  /** Higher is more specific: literals beat parameters, parameters beat greedy, a method beats ANY. */
  rank: number
}

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/\S*)$/

function parseSegment(routeKey: string, raw: string, last: boolean): Segment {
  const param = /^\{([a-zA-Z0-9._-]+)(\+?)\}$/.exec(raw)
  if (param === null) {
    if (raw.includes('{') || raw.includes('}'))
      throw new InvalidRouteKeyError(routeKey, `bad segment "${raw}"`)
    return { kind: 'literal', value: raw }
  }
  const name = param[1] as string
  if (param[2] === '') return { kind: 'param', name }
  if (!last) throw new InvalidRouteKeyError(routeKey, 'a greedy {name+} parameter must be the last segment')
  return { kind: 'greedy', name }
}

function compile(route: RouteDefinition): CompiledRoute {
  const match = ROUTE_KEY.exec(route.routeKey)
  if (match === null)
    throw new InvalidRouteKeyError(route.routeKey, "expected '<METHOD> /path' or '$default'")
  const path = match[2] as string
  const raw = path === '/' ? [] : path.slice(1).split('/')
  const segments = raw.map((segment, index) =>
    parseSegment(route.routeKey, segment, index === raw.length - 1),
  )
  const literals = segments.filter((segment) => segment.kind === 'literal').length
  const greedy = segments.some((segment) => segment.kind === 'greedy')
  const method = match[1] as string
  const rank = (greedy ? 0 : 1_000_000) + literals * 1000 + segments.length * 10 + (method === 'ANY' ? 0 : 1)
  return { ...route, method, segments, rank }
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (const [index, segment] of segments.entries()) {
    const part = parts[index]
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index).join('/')
      if (rest === '') return undefined
      params[segment.name] = decode(rest)
      return params
    }
    if (part === undefined || part === '') return undefined
    if (segment.kind === 'literal' && segment.value !== part) return undefined
    if (segment.kind === 'param') params[segment.name] = decode(part)
  }
  return parts.length === segments.length ? params : undefined
}

/** A compiled route table; throws InvalidRouteKeyError for a key API Gateway would refuse. */
export function createRouter(
  routes: RouteDefinition[],
): (method: string, rawPath: string) => RouteMatch | undefined {
  const fallback = routes.find((route) => route.routeKey === '$default')
  const compiled = routes
    .filter((route) => route.routeKey !== '$default')
    .map(compile)
    .sort((a, b) => b.rank - a.rank)
  return (method, rawPath) => {
    const parts = rawPath === '/' ? [] : rawPath.slice(1).split('/')
    for (const route of compiled) {
      if (route.method !== 'ANY' && route.method !== method) continue
      const params = matchSegments(route.segments, parts)
      if (params === undefined) continue
      const { routeKey, functionName } = route
      return Object.keys(params).length === 0
        ? { routeKey, functionName }
        : { routeKey, functionName, pathParameters: params }
    }
    return fallback === undefined ? undefined : { routeKey: '$default', functionName: fallback.functionName }
  }
}
