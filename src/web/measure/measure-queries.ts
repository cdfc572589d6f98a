import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { components, paths } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'
import { calendarKeys } from '../calendar/calendar-queries.ts'

type MeasureQuery = NonNullable<
  paths['/api/v1/workspaces/{ws}/measure']['get']['parameters']['query']
>
export type MeasureBy = NonNullable<MeasureQuery['by']>
export type Metric = NonNullable<MeasureQuery['metric']>
export type MeasureReport = components['schemas']['MeasureReport']
export type MeasureGroup = MeasureReport['groups'][number]
export type Campaign = components['schemas']['Campaign']
export type CampaignDetail = components['schemas']['CampaignDetail']
/** What a person sets; the UTM tag is made from the name when left out. */
export type CampaignFields = Omit<Campaign, 'id' | 'createdAt' | 'utmCampaign'> & {
  utmCampaign?: string
}
export type PostEngagement = components['schemas']['PostEngagement']

export type MeasureFilter = {
  from: string
  to: string
  by: MeasureBy
  metric: Metric
  campaignId?: string
}

/** Query keys of the measure area (reports, campaigns, a post's engagement). */
export const measureKeys = {
  all: ['measure'] as const,
  report: (workspaceId: string, filter: MeasureFilter) =>
    [...measureKeys.all, workspaceId, 'report', filter] as const,
  campaigns: (workspaceId: string) => [...measureKeys.all, workspaceId, 'campaigns'] as const,
  campaign: (workspaceId: string, id: string, metric: Metric) =>
    [...measureKeys.campaigns(workspaceId), id, metric] as const,
  engagement: (workspaceId: string, postId: string) =>
    [...measureKeys.all, workspaceId, 'engagement', postId] as const,
}

/** The comparison for a period; the last report stays on screen while the next one loads. */
export function useMeasure(workspaceId: string, filter: MeasureFilter) {
  return useQuery({
    queryKey: measureKeys.report(workspaceId, filter),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/measure', {
          params: { path: { ws: workspaceId }, query: filter },
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

/** Where the CSV of one of the report's tables downloads from (a plain link: the browser saves it). */
export function measureCsvUrl(
  workspaceId: string,
  filter: MeasureFilter,
  table: 'groups' | 'days' | 'top',
) {
  const query = new URLSearchParams({ ...filter, table })
  return `/api/v1/workspaces/${workspaceId}/measure.csv?${query}`
}

/** The workspace's campaigns, latest start first (the first 100: enough for a picker). */
export function useCampaigns(workspaceId: string) {
  return useQuery({
    queryKey: measureKeys.campaigns(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/campaigns', {
          params: { path: { ws: workspaceId }, query: { limit: 100 } },
        }),
      ),
  })
}

export function useCampaign(workspaceId: string, id: string | null, metric: Metric) {
  return useQuery({
    queryKey: measureKeys.campaign(workspaceId, id ?? '', metric),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/campaigns/{id}', {
          params: { path: { ws: workspaceId, id: id ?? '' }, query: { metric } },
        }),
      ),
    enabled: id !== null,
  })
}

/** Creates a campaign, or changes one when `id` is given; the calendar's colours follow. */
export function useSaveCampaign(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, fields }: { id?: string; fields: CampaignFields }) =>
      id
        ? unwrap(
            api.PATCH('/api/v1/workspaces/{ws}/campaigns/{id}', {
              params: { path: { ws: workspaceId, id } },
              body: fields,
            }),
          )
        : unwrap(
            api.POST('/api/v1/workspaces/{ws}/campaigns', {
              params: { path: { ws: workspaceId } },
              body: fields,
            }),
          ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: measureKeys.campaigns(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: calendarKeys.workspace(workspaceId) }),
      ]),
  })
}

/** A post's snapshots per delivery. */
export function usePostEngagement(workspaceId: string, postId: string) {
  return useQuery({
    queryKey: measureKeys.engagement(workspaceId, postId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/posts/{id}/engagement', {
          params: { path: { ws: workspaceId, id: postId } },
        }),
      ),
  })
}

/** Reads the post's engagement from the networks now (a new snapshot; older ones stay). */
export function useTakeSnapshot(workspaceId: string, postId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/posts/{id}/engagement', {
          params: { path: { ws: workspaceId, id: postId } },
        }),
      ),
    onSuccess: (result) =>
      queryClient.setQueryData(measureKeys.engagement(workspaceId, postId), result.engagement),
  })
}
