import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/api.ts'
import { ApiProblem } from '../api/api-problem.ts'
import { sessionKeys } from '../session/session-keys.ts'

/** Query keys of the invitation area. */
export const invitationKeys = {
  all: ['invitations'] as const,
  byToken: (token: string) => [...invitationKeys.all, 'token', token] as const,
}

/** What an invitation link is for: workspace, email, role. A used or expired one is a 404. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: invitationKeys.byToken(token),
    queryFn: () => unwrap(api.GET('/api/v1/invitations/{token}', { params: { path: { token } } })),
  })
}

/**
 * Accepts: someone new chooses a password (and a name) and is then logged in with it;
 * someone logged in with the invited email just joins.
 */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: { email: string; password?: string; name?: string }) => {
      const joined = await unwrap(
        api.POST('/api/v1/invitations/{token}/accept', {
          params: { path: { token } },
          body: input.password ? { password: input.password, name: input.name } : {},
        }),
      )
      if (input.password) {
        try {
          await unwrap(
            api.POST('/api/v1/auth/login', {
              body: { email: input.email, password: input.password },
            }),
          )
        } catch (error) {
          const problem = error instanceof ApiProblem ? error : ApiProblem.unreachable()
          throw new ApiProblem(
            problem.status,
            `You have joined, but logging in did not work (${problem.detail}): log in with your new password`,
          )
        }
      }
      return joined
    },
    // Now someone is logged in: learn who before the page moves on (nothing else was cached).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.me() }),
  })
}
