import { createApiClient } from '../../client/create-api-client.ts'
import { ApiProblem } from './api-problem.ts'

/** The one API client of the web UI: same origin, the session cookie rides along. */
export const api = createApiClient({ baseUrl: '' })

/**
 * The data of a typed client call, or an `ApiProblem` thrown with the server's detail.
 * Every query function and mutation goes through this: `unwrap(api.GET('/api/v1/me'))`.
 */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response }
  try {
    result = await call
  } catch {
    throw ApiProblem.unreachable()
  }
  if (!result.response.ok) throw ApiProblem.fromResponse(result.error, result.response)
  return result.data as D
}
