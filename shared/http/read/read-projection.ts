import * as z from 'zod/mini'
import type { ProjectionReader } from '../../projection/reader.ts'
import { NotFoundError } from '../errors.ts'
import type { HttpHandler } from '../http-stack.ts'
import { jsonResponse } from '../response.ts'

/** Path of `GET /projections/{projection}/{key}`. */
export const projectionPath = z.object({
  projection: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a projection name')),
  key: z.string().check(z.minLength(1), z.maxLength(512)),
})

/**
 * `GET /projections/{projection}/{key}`: one document of a projection, from its active version
 * (`{ projection, version, key, document }`); 404 for an unknown projection or a missing document.
 */
export const readProjection =
  (deps: { projections?: ProjectionReader | undefined }): HttpHandler =>
  async (event) => {
    const { projection, key } = event.pathParameters as z.output<typeof projectionPath>
    const reader = deps.projections
    if (!reader?.has(projection)) throw new NotFoundError(`There is no projection ${projection}.`)
    const found = await reader.read(projection, key)
    if (found === undefined) throw new NotFoundError(`Projection ${projection} has no document ${key}.`)
    return jsonResponse(200, found)
  }
