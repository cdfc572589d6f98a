import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath } from '../shell/navigation.ts'
import { BestPosts } from './BestPosts.tsx'
import { GroupsTable } from './GroupsTable.tsx'
import { DailyChart, GroupChart, metricWords } from './MeasureCharts.tsx'
import { PERIODS, type PeriodDays, periodRange } from './measure-period.ts'
import {
  type Campaign,
  type MeasureBy,
  type MeasureFilter,
  type MeasureReport,
  type Metric,
  measureCsvUrl,
  useMeasure,
} from './measure-queries.ts'

const BY: Array<{ value: MeasureBy; label: string }> = [
  { value: 'network', label: 'Network' },
  { value: 'account', label: 'Account' },
  { value: 'topic', label: 'Topic' },
  { value: 'approach', label: 'Approach' },
  { value: 'campaign', label: 'Campaign' },
]
const METRICS: Metric[] = [
  'conversations',
  'people',
  'replies',
  'quotes',
  'reposts',
  'likes',
  'clicks',
  'visitors',
]

export type CompareChoice = {
  days: PeriodDays
  by: MeasureBy
  metric: Metric
  campaignId: string | null
}

/** The period's comparison: what to compare, the totals, two charts, the table, the best posts. */
export function CompareTab({
  choice,
  onChange,
  campaigns,
}: {
  choice: CompareChoice
  onChange: (choice: CompareChoice) => void
  campaigns: Campaign[]
}) {
  const { workspace } = useWorkspace()
  const filter: MeasureFilter = {
    ...periodRange(choice.days),
    by: choice.by,
    metric: choice.metric,
    ...(choice.campaignId ? { campaignId: choice.campaignId } : {}),
  }
  const measure = useMeasure(workspace.id, filter)
  const report = measure.data

  return (
    <Stack gap="lg">
      <Group gap="sm" align="flex-end">
        <Select
          label="Period"
          w={130}
          allowDeselect={false}
          data={PERIODS.map((p) => ({ value: p.value, label: `Last ${p.label.toLowerCase()}` }))}
          value={choice.days}
          onChange={(v) => v && onChange({ ...choice, days: v as PeriodDays })}
        />
        <Select
          label="Compare by"
          w={140}
          allowDeselect={false}
          data={BY}
          value={choice.by}
          onChange={(v) => v && onChange({ ...choice, by: v as MeasureBy })}
        />
        <Select
          label="Measured by"
          w={170}
          allowDeselect={false}
          data={METRICS.map((m) => ({ value: m, label: capitalise(metricWords(m)) }))}
          value={choice.metric}
          onChange={(v) => v && onChange({ ...choice, metric: v as Metric })}
        />
        <Select
          label="Campaign"
          w={180}
          data={[
            { value: '', label: 'All posts' },
            ...campaigns.map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={choice.campaignId ?? ''}
          onChange={(v) => onChange({ ...choice, campaignId: v || null })}
        />
      </Group>

      {measure.isPending && <Loading label="Measuring…" />}
      <ProblemAlert error={measure.error} title="The report did not load" />
      {report && report.posts === 0 && <EmptyPeriod />}
      {report && report.posts > 0 && (
        <>
          <Totals report={report} />
          <FollowersContext report={report} />
          <Text size="sm" c="dimmed">
            {report.note} Each comparison sets a group's posts against all other posts of the period
            with a {Math.round((report.groups[0]?.comparison.level ?? 0.9) * 100)} % interval; below
            10 posts on either side Sous says “not enough posts yet” instead of naming a winner.
          </Text>
          <section aria-labelledby="measure-daily">
            <Title id="measure-daily" order={2} size="h4" mb="xs">
              Per day
            </Title>
            <DailyChart days={report.days} />
            <CsvLink workspaceId={workspace.id} filter={filter} table="days" />
          </section>
          <section aria-labelledby="measure-groups">
            <Title id="measure-groups" order={2} size="h4" mb="xs">
              {capitalise(metricWords(report.metric))} per post, by{' '}
              {BY.find((b) => b.value === report.by)?.label.toLowerCase()}
            </Title>
            <GroupChart by={report.by} groups={report.groups} metric={report.metric} />
            <Text size="xs" c="dimmed" mb="xs">
              Bars: the group's mean per post. Whiskers: where the interval puts it against the
              other posts.
            </Text>
            <GroupsTable report={report} />
            <CsvLink workspaceId={workspace.id} filter={filter} table="groups" />
          </section>
          <section aria-labelledby="measure-best">
            <Title id="measure-best" order={2} size="h4" mb="xs">
              Best posts by {metricWords(report.metric)}
            </Title>
            <BestPosts report={report} />
            <CsvLink workspaceId={workspace.id} filter={filter} table="top" />
          </section>
        </>
      )}
    </Stack>
  )
}

function Totals({ report }: { report: MeasureReport }) {
  const answeredShare = report.totals.replies
    ? `${Math.round((report.totals.answered / report.totals.replies) * 100)} % of replies`
    : undefined
  const stats = [
    { label: 'Posts', value: report.posts },
    { label: 'Conversations started', value: report.totals.conversations },
    { label: 'People engaged', value: report.totals.people },
    { label: 'Replies', value: report.totals.replies },
    { label: 'Answered by the team', value: report.totals.answered, hint: answeredShare },
    {
      label: 'Link clicks',
      value: report.totals.clicks,
      hint: `${report.totals.visitors} visitors, ${report.totals.botClicks} bot requests left out`,
    },
  ]
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" role="list" aria-label="Totals">
      {stats.map((s) => (
        <Paper key={s.label} withBorder p="sm" role="listitem">
          <Text size="xs" c="dimmed">
            {s.label}
          </Text>
          <Text size="xl" fw={700}>
            {s.value.toLocaleString()}
          </Text>
          {s.hint && (
            <Text size="xs" c="dimmed">
              {s.hint}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  )
}

/** Follower counts beside the measures, said as context: the bots inflate them. */
function FollowersContext({ report }: { report: MeasureReport }) {
  const known = report.followers.filter((a) => a.followers !== null)
  if (known.length === 0) return null
  return (
    <Text size="sm" c="dimmed">
      Followers, as context (never the score):{' '}
      {known.map((a) => `${a.handle} ${a.followers?.toLocaleString()}`).join(' · ')}
    </Text>
  )
}

function EmptyPeriod() {
  const { workspace } = useWorkspace()
  return (
    <Paper withBorder p="lg">
      <Text fw={600}>No posts were published in this period.</Text>
      <Text size="sm" c="dimmed">
        Pick a longer period, or{' '}
        <Link underline="always" to={sectionPath(workspace.id, 'compose')}>
          publish a post
        </Link>
        : Sous reads its engagement at +1 hour, +24 hours and +7 days, and the comparison shows
        here.
      </Text>
    </Paper>
  )
}

function CsvLink({
  workspaceId,
  filter,
  table,
}: {
  workspaceId: string
  filter: MeasureFilter
  table: 'groups' | 'days' | 'top'
}) {
  const words = { groups: 'this table', days: 'the days', top: 'the best posts' }[table]
  return (
    <Anchor size="sm" href={measureCsvUrl(workspaceId, filter, table)} download>
      Download {words} as CSV
    </Anchor>
  )
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
