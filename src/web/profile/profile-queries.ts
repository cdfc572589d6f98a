import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'
import { sessionKeys } from '../session/session-keys.ts'
import type { Me } from '../session/session-queries.ts'

type ProfileChange = NonNullable<
  paths['/api/v1/me']['patch']['requestBody']
>['content']['application/json']

/** Changes the person's name or password; the answer replaces the cached person at once. */
export function useChangeProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProfileChange) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (user) => {
      queryClient.setQueryData<Me | null>(sessionKeys.me(), (me) => (me ? { ...me, user } : me))
    },
  })
}
