import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

type RulesPath = paths['/api/v1/workspaces/{ws}/routing-rules']
export type RoutingRule = components['schemas']['RoutingRule']
/** A rule as the editor sends it: a new one has no id until the server saves it. */
export type RuleDraft = NonNullable<
  RulesPath['put']['requestBody']
>['content']['application/json']['items'][number]
export type RuleConditions = RuleDraft['conditions']
export type RuleActions = RuleDraft['actions']
export type TrialRequest = NonNullable<
  paths['/api/v1/workspaces/{ws}/routing-rules/test']['post']['requestBody']
>['content']['application/json']
// The generated type renders the nullable `rule` reference so no value fits; the API sends
// the matched rule's id and name, or null.
export type RoutingTrial = Omit<components['schemas']['RoutingTrial'], 'rule'> & {
  rule: { id: string; name: string } | null
}

/** Query keys of the routing rules. */
export const routingKeys = {
  all: ['routing-rules'] as const,
  list: (workspaceId: string) => [...routingKeys.all, workspaceId, 'list'] as const,
}

/** The rules in the order they are tried. */
export function useRoutingRules(workspaceId: string) {
  return useQuery({
    queryKey: routingKeys.list(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/routing-rules', {
          params: { path: { ws: workspaceId } },
        }),
      ),
  })
}

/** Replaces the whole ordered list; the saved list (with the new rules' ids) becomes the cache. */
export function useSaveRoutingRules(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (items: RuleDraft[]) =>
      unwrap(
        api.PUT('/api/v1/workspaces/{ws}/routing-rules', {
          params: { path: { ws: workspaceId } },
          body: { items },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(routingKeys.list(workspaceId), saved),
  })
}

/** How a pasted message would be read and where the saved rules would send it. */
export function useTryMessage(workspaceId: string) {
  return useMutation({
    mutationFn: (body: TrialRequest) =>
      unwrap<unknown>(
        api.POST('/api/v1/workspaces/{ws}/routing-rules/test', {
          params: { path: { ws: workspaceId } },
          body,
        }),
      ) as Promise<RoutingTrial>,
  })
}
