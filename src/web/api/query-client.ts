import { QueryCache, QueryClient } from '@tanstack/react-query'
import { sessionKeys } from '../session/session-keys.ts'
import { ApiProblem } from './api-problem.ts'

/**
 * Queries retry only what may pass on its own (no answer, 5xx), never a refusal; a 401 from
 * any query means the session ended, so the person is taken to the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof ApiProblem && error.status === 401)
          client.setQueryData(sessionKeys.me(), null)
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) =>
          failures < 2 &&
          !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  })
  return client
}
