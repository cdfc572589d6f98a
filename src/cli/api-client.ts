import { CliError } from './cli-error.ts'

export type ApiClient = {
  url: string
  request: <T>(method: string, path: string, body?: unknown) => Promise<T>
}

export type ApiLogin = { token: string } | { email: string; password: string }

/**
 * Talks to a running Sous over its own API, as a person: with a personal API token, or
 * logged in with email and password (a session, logged out again by `close`). Used where
 * the CLI must act on a live instance (the embedded database belongs to the running process).
 */
export async function openApiClient(
  url: string,
  login: ApiLogin,
): Promise<ApiClient & { close: () => Promise<void> }> {
  const base = url.replace(/\/$/, '')
  const headers: Record<string, string> = { accept: 'application/json' }
  const call = async (method: string, path: string, body?: unknown) => {
    let res: Response
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
      throw new CliError(
        `Cannot reach Sous at ${base} (${cause}): is it running? Pass --url if it listens elsewhere`,
      )
    }
    const text = await res.text()
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    if (!res.ok) {
      const errors = Array.isArray(json.errors)
        ? (json.errors as Array<{ field: string; message: string }>)
            .map((e) => `\n  - ${e.field}: ${e.message}`)
            .join('')
        : ''
      throw new CliError(`${json.detail ?? json.title ?? `HTTP ${res.status}`}${errors}`)
    }
    return { res, json }
  }
  if ('token' in login) {
    headers.authorization = `Bearer ${login.token}`
  } else {
    const { res } = await call('POST', '/api/v1/auth/login', login)
    const cookie = res.headers.get('set-cookie')?.split(';')[0]
    if (!cookie) throw new CliError('Sous answered the login without a session')
    headers.cookie = cookie
  }
  return {
    url: base,
    request: async <T>(method: string, path: string, body?: unknown) =>
      (await call(method, path, body)).json as T,
    close: async () => {
      if ('token' in login) return
      await call('POST', '/api/v1/auth/logout').catch(() => undefined)
    },
  }
}
