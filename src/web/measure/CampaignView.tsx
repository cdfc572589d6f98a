import {
  Anchor,
  Badge,
  Button,
  ColorSwatch,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { csvHref } from '../components/csv.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { composeInCampaignPath } from '../shell/navigation.ts'
import { campaignDays } from './CampaignsTab.tsx'
import { GroupsTable } from './GroupsTable.tsx'
import { GroupChart, metricWords } from './MeasureCharts.tsx'
import { type Campaign, type Metric, measureCsvUrl, useCampaign } from './measure-queries.ts'

const STATES = {
  published: { words: 'Published', color: 'green' },
  to_come: { words: 'To come', color: 'blue' },
  draft: { words: 'Draft', color: 'gray' },
} as const

/** One campaign: its goal, its posts (what is out, what is to come) and its results against the period's other campaigns. */
export function CampaignView({
  campaignId,
  metric,
  mayManage,
  onBack,
  onEdit,
  onMeasure,
}: {
  campaignId: string
  metric: Metric
  mayManage: boolean
  onBack: () => void
  onEdit: (campaign: Campaign) => void
  onMeasure: () => void
}) {
  const { workspace } = useWorkspace()
  const detail = useCampaign(workspace.id, campaignId, metric)
  if (detail.isPending) return <Loading label="Loading the campaign…" />
  if (detail.isError)
    return (
      <Stack gap="sm">
        <ProblemAlert error={detail.error} title="The campaign did not load" />
        <Button variant="default" onClick={onBack} w="fit-content">
          All campaigns
        </Button>
      </Stack>
    )
  const campaign = detail.data
  const { results } = campaign
  const groups = [...(results.campaign ? [results.campaign] : []), ...results.others]
  const published = campaign.posts.filter((p) => p.state === 'published').length

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs" wrap="nowrap">
            <ColorSwatch color={campaign.colour} size={18} aria-hidden />
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {campaign.name}
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            {campaignDays(campaign)} · utm_campaign={campaign.utmCampaign}
          </Text>
          {campaign.goal && <Text size="sm">Goal: {campaign.goal}</Text>}
        </Stack>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={onBack}>
            All campaigns
          </Button>
          <Button variant="light" size="xs" onClick={onMeasure}>
            Measure its posts
          </Button>
          {mayManage && (
            <Button variant="default" size="xs" onClick={() => onEdit(campaign)}>
              Edit
            </Button>
          )}
        </Group>
      </Group>

      <Text>
        {campaign.posts.length} posts: {published} published, {campaign.toCome} to come
        {campaign.posts.length - published - campaign.toCome > 0
          ? `, ${campaign.posts.length - published - campaign.toCome} drafts`
          : ''}
        .
      </Text>

      <section aria-labelledby="campaign-results">
        <Title id="campaign-results" order={3} size="h4" mb="xs">
          Against the other campaigns of its period, by {metricWords(metric)}
        </Title>
        {results.campaign ? (
          <>
            <Text size="sm" mb="xs">
              {results.campaign.comparison.statement}
            </Text>
            {groups.length > 1 && <GroupChart by="campaign" groups={groups} metric={metric} />}
            <GroupsTable report={{ by: 'campaign', metric, groups }} />
            <Anchor
              size="sm"
              download
              href={measureCsvUrl(
                workspace.id,
                { from: campaign.startsAt, to: campaign.endsAt, by: 'campaign', metric },
                'groups',
              )}
            >
              Download the results as CSV
            </Anchor>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing of it is published and measured yet: results show once its posts are out and
            Sous has read their engagement (+1 hour, +24 hours, +7 days).
          </Text>
        )}
      </section>

      <section aria-labelledby="campaign-posts">
        <Title id="campaign-posts" order={3} size="h4" mb="xs">
          Its posts
        </Title>
        {campaign.posts.length === 0 ? (
          <Paper withBorder p="md">
            <Text size="sm">
              No posts in this campaign yet.{' '}
              <Link underline="always" to={composeInCampaignPath(workspace.id, campaign.id)}>
                Write one in Compose
              </Link>
              : it starts in this campaign.
            </Text>
          </Paper>
        ) : (
          <Table.ScrollContainer minWidth={0}>
            <Table verticalSpacing="xs" aria-label={`Posts of ${campaign.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Post</Table.Th>
                  <Table.Th>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaign.posts.map((post) => (
                  <Table.Tr key={post.postId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Link to={`/w/${workspace.id}/posts/${post.postId}`} size="sm">
                        {post.dueAt ? formatDateTime(post.dueAt) : 'Not scheduled'}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        {post.text || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATES[post.state].color}>
                        {STATES[post.state].words}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {campaign.posts.length > 0 && (
          <Anchor
            size="sm"
            download={`sous-campaign-${campaign.utmCampaign}-posts.csv`}
            href={csvHref([
              ['post_id', 'due_at', 'state', 'text'],
              ...campaign.posts.map((p) => [p.postId, p.dueAt, p.state, p.text]),
            ])}
          >
            Download its posts as CSV
          </Anchor>
        )}
      </section>
    </Stack>
  )
}
