import { type ApiClient, createApiClient, describeProblem } from '../client/create-api-client.ts'
import { CliError } from './cli-error.ts'

export type { ApiClient }
export type ApiLogin = { token: string } | { email: string; password: string }

/**
 * Talks to a running Sous over its own API, as a person: with a personal API token, or
 * logged in with email and password (a session, logged out again by `close`). Used where
 * the CLI must act on a live instance (the embedded database belongs to the running process).
 */
export async function openApiClient(
  url: string,
  login: ApiLogin,
): Promise<{ api: ApiClient; url: string; close: () => Promise<void> }> {
  const baseUrl = url.replace(/\/$/, '')
  const reach: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init)
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
      throw new CliError(
        `Cannot reach Sous at ${baseUrl} (${cause}): is it running? Pass --url if it listens elsewhere`,
      )
    }
  }
  const headers: Record<string, string> = { accept: 'application/json' }
  if ('token' in login) {
    headers.authorization = `Bearer ${login.token}`
  } else {
    const anonymous = createApiClient({ baseUrl, fetch: reach })
    const { response } = ok(await anonymous.POST('/api/v1/auth/login', { body: login }))
    const cookie = response.headers.get('set-cookie')?.split(';')[0]
    if (!cookie) throw new CliError('Sous answered the login without a session')
    headers.cookie = cookie
  }
  const api = createApiClient({ baseUrl, headers, fetch: reach })
  return {
    api,
    url: baseUrl,
    close: async () => {
      if ('token' in login) return
      await api.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined)
    },
  }
}

/** The answer's data, or a CliError saying what Sous refused and why (with each field). */
export function ok<T extends { data?: unknown; error?: unknown; response: Response }>(
  result: T,
): T & { data: NonNullable<T['data']> } {
  if (result.error !== undefined || !result.response.ok) {
    const { detail, fields } = describeProblem(result.error, result.response.status)
    throw new CliError(`${detail}${fields.map((f) => `\n  - ${f.field}: ${f.message}`).join('')}`)
  }
  return result as T & { data: NonNullable<T['data']> }
}
