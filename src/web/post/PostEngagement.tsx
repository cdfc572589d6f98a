import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core'
import { useMemo } from 'react'
import type uPlot from 'uplot'
import { useAccounts } from '../accounts/account-queries.ts'
import { accountColour } from '../components/account-colours.ts'
import { csvHref } from '../components/csv.ts'
import { formatDateTime, formatDuration } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { UPlotChart } from '../components/UPlotChart.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import {
  type PostEngagement as Engagement,
  usePostEngagement,
  useTakeSnapshot,
} from '../measure/measure-queries.ts'

type Delivery = Engagement['deliveries'][number]
type Snapshot = NonNullable<Delivery['latest']>

const MARKS = [
  { key: '1h', label: '+1 hour' },
  { key: '24h', label: '+24 hours' },
  { key: '7d', label: '+7 days' },
] as const
const COUNTS = ['conversations', 'people', 'replies', 'quotes', 'reposts', 'likes'] as const

const HOUR = 3_600_000

/**
 * How the post did on each network it is out on: people engaged over time (a chart), the
 * counts at +1 hour, +24 hours and +7 days beside the latest, and the inbox's answers.
 */
export function PostEngagement({ postId }: { postId: string }) {
  const { workspace } = useWorkspace()
  const engagement = usePostEngagement(workspace.id, postId)
  const take = useTakeSnapshot(workspace.id, postId)
  // A thread is measured by its first post; the others' snapshots stay in the API.
  const firsts = (engagement.data?.deliveries ?? []).filter((d) => d.segment === 0)
  if (firsts.length === 0) return null
  const skipped = take.data?.skipped ?? []

  return (
    <Card withBorder padding="md" role="region" aria-label="Engagement">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            Engagement
          </Title>
          <Button size="xs" variant="light" loading={take.isPending} onClick={() => take.mutate()}>
            Read it now
          </Button>
        </Group>
        <ProblemAlert error={take.error} title="Not read" />
        {skipped.length > 0 && (
          <Alert color="yellow" variant="light">
            Not read: {[...new Set(skipped.map((s) => s.reason))].join('; ')}.
          </Alert>
        )}
        <EngagementChart deliveries={firsts} />
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs" aria-label="Engagement at each mark">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th>When</Table.Th>
                {COUNTS.map((c) => (
                  <Table.Th key={c}>{c.charAt(0).toUpperCase() + c.slice(1)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {firsts.flatMap((d) =>
                [
                  ...MARKS.map((m) => [m.label, d.marks[m.key]] as const),
                  ['Latest', d.latest] as const,
                ].map(([label, snapshot]) => (
                  <Table.Tr key={`${d.deliveryId}${label}`}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{d.handle}</Table.Td>
                    <Table.Td>
                      {label}
                      {label === 'Latest' && snapshot ? (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(snapshot.takenAt)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    {COUNTS.map((c) => (
                      <Table.Td key={c}>{cell(snapshot, c)}</Table.Td>
                    ))}
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Anchor
          size="sm"
          download={`sous-post-${postId}-snapshots.csv`}
          href={snapshotsCsv(firsts)}
        >
          Download every snapshot as CSV
        </Anchor>
        {firsts.map((d) => (
          <Text key={d.deliveryId} size="sm" c="dimmed">
            {d.handle}: {d.inbox.replies} replies in the inbox, {d.inbox.answered} answered
            {d.inbox.medianFirstResponseSeconds !== null &&
              ` (first answer after ${formatDuration(d.inbox.medianFirstResponseSeconds)}, median)`}
            .{d.deleted && ' Deleted on the network: no more snapshots, the history stays.'}
            {d.accountDisconnected && ' The account is disconnected: no more snapshots.'}
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          As each network reported it. Sous reads at +1 hour, +24 hours and +7 days, and when you
          ask; follower counts are context, never the score.
        </Text>
      </Stack>
    </Card>
  )
}

/** Every snapshot of each variant, oldest first: the time series behind the table. */
function snapshotsCsv(deliveries: Delivery[]) {
  return csvHref([
    ['account', 'network', 'mark', 'taken_at', 'deleted', ...COUNTS],
    ...deliveries.flatMap((d) =>
      d.snapshots.map((s) => [
        d.handle,
        d.network,
        s.mark,
        s.takenAt,
        s.deleted,
        ...COUNTS.map((c) => s[c]),
      ]),
    ),
  ])
}

function cell(snapshot: Snapshot | null, key: (typeof COUNTS)[number]) {
  if (!snapshot) return '—'
  if (snapshot.deleted) return 'deleted'
  return snapshot[key] ?? '—'
}

/** People engaged over the hours since each variant went out, one line per account. */
function EngagementChart({ deliveries }: { deliveries: Delivery[] }) {
  const { workspace } = useWorkspace()
  const accounts = useAccounts(workspace.id).data?.items
  const theme = useMantineTheme()
  const data = useMemo<uPlot.AlignedData>(() => {
    const points = deliveries.map((d) => {
      const start = Date.parse(d.publishedAt ?? d.snapshots[0]?.takenAt ?? '')
      return new Map(
        d.snapshots
          .filter((s) => !s.deleted)
          .map((s) => [Math.round(((Date.parse(s.takenAt) - start) / HOUR) * 10) / 10, s.people]),
      )
    })
    const hours = [...new Set(points.flatMap((p) => [...p.keys()]))].sort((a, b) => a - b)
    return [hours, ...points.map((p) => hours.map((h) => p.get(h) ?? null))]
  }, [deliveries])
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{ values: (_u, splits) => splits.map((s) => `${s} h`) }, { size: 40 }],
      series: [
        { label: 'Hours after publishing' },
        ...deliveries.map((d) => ({
          label: d.handle,
          // A canvas takes colours, not CSS variables: the palette's own value.
          stroke: theme.colors[accountColour(d.accountId, accounts ?? [])]?.[6] ?? '#1971c2',
          width: 2,
          spanGaps: true,
        })),
      ],
      legend: { show: true },
    }),
    [deliveries, accounts, theme],
  )
  if ((data[0]?.length ?? 0) === 0) return null
  const summary = deliveries
    .map((d) => `${d.handle}: ${d.latest?.people ?? 0} people engaged at the latest snapshot`)
    .join('; ')
  return (
    <UPlotChart
      options={options}
      data={data}
      height={200}
      label={`People engaged over time. ${summary}`}
    />
  )
}
