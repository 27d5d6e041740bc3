/**
 * The studio's JSON API from the browser. Mutating requests carry the per-start token from the page
 * (the server also checks their Origin); errors become {@link ApiError} with the server's message.
 */

const token = document.querySelector<HTMLMetaElement>('meta[name="studio-token"]')?.content ?? ''

export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null
  if (!response.ok)
    throw new ApiError(response.status, body?.detail ?? body?.title ?? `HTTP ${response.status}`)
  return body as T
}

export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { headers: { accept: 'application/json' } }))
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return parse<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-studio-token': token },
      body: JSON.stringify(body),
    }),
  )
}
