import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import type uPlot from 'uplot'
import { csvHref } from '../components/csv.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { barPaths, UPlotChart } from '../components/UPlotChart.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type BalanceReport, useBalance } from './settings-queries.ts'

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`)

/**
 * Per account, the share of broadcast (scheduled and curated) among what it posted over 7 and
 * 30 days, against the workspace's threshold; the table below says the same in numbers.
 */
export function BalancePanel() {
  const { workspace } = useWorkspace()
  const balance = useBalance(workspace.id)
  const report = balance.data

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Organic balance
      </Title>
      <Text size="sm" c="dimmed">
        Live posts and replies against scheduled broadcast, per account. Sous warns when broadcast
        passes {report ? percent(report.threshold) : 'the threshold'}.
      </Text>
      {balance.isPending && <Loading label="Loading the balance…" />}
      <ProblemAlert error={balance.error} />
      {report && report.items.length === 0 && (
        <Text size="sm">
          No accounts yet: connect one on the Accounts page, and its balance shows here.
        </Text>
      )}
      {report && report.items.length > 0 && (
        <>
          {report.items
            .flatMap((a) =>
              [a.days7.warning, a.days30.warning].filter(Boolean).map((w) => [a.handle, w]),
            )
            .map(([handle, warning]) => (
              <Alert
                key={`${handle}${warning}`}
                color="orange"
                variant="light"
                title={handle ?? ''}
              >
                {warning}
              </Alert>
            ))}
          <BalanceChart report={report} />
          <Table.ScrollContainer minWidth={0}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>7 days: live · replies · broadcast</Table.Th>
                  <Table.Th>30 days: live · replies · broadcast</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.items.map((a) => (
                  <Table.Tr key={a.accountId}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.handle}</Table.Td>
                    {[a.days7, a.days30].map((d, i) => (
                      <Table.Td key={i === 0 ? '7' : '30'}>
                        {d.live} · {d.replies} · {d.scheduled + d.curated} (
                        {percent(d.broadcastShare)} broadcast)
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Anchor size="sm" download="sous-organic-balance.csv" href={balanceCsv(report)}>
            Download the balance as CSV
          </Anchor>
        </>
      )}
    </Stack>
  )
}

function balanceCsv(report: BalanceReport) {
  const kinds = ['live', 'replies', 'scheduled', 'curated', 'broadcastShare'] as const
  return csvHref([
    ['account', 'days', 'live', 'replies', 'scheduled', 'curated', 'broadcast_share', 'warning'],
    ...report.items.flatMap((a) =>
      (
        [
          [7, a.days7],
          [30, a.days30],
        ] as const
      ).map(([days, d]) => [a.handle, days, ...kinds.map((k) => d[k]), d.warning]),
    ),
  ])
}

function BalanceChart({ report }: { report: BalanceReport }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      report.items.map((_, i) => i),
      report.items.map((a) => (a.days7.broadcastShare ?? 0) * 100),
      report.items.map((a) => (a.days30.broadcastShare ?? 0) * 100),
    ],
    [report],
  )
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const handles = report.items.map((a) => a.handle)
    return {
      scales: {
        x: { time: false, auto: false, range: () => [-0.5, handles.length - 0.5] },
        y: { range: [0, 100] },
      },
      axes: [
        {
          values: (_u, splits) =>
            splits.map((s) => (Number.isInteger(s) ? (handles[s] ?? '') : '')),
          splits: () => handles.map((_, i) => i),
        },
        { values: (_u, splits) => splits.map((s) => `${s}%`), size: 48 },
      ],
      series: [
        {},
        {
          label: '7 days',
          fill: '#c2410c',
          stroke: '#c2410c',
          paths: barPaths({ align: -1 }),
          points: { show: false },
        },
        {
          label: '30 days',
          fill: '#1971c2',
          stroke: '#1971c2',
          paths: barPaths({ align: 1 }),
          points: { show: false },
        },
      ],
      legend: { show: true },
      cursor: { show: false },
      // The threshold as a dashed line across the plot (a series would draw nothing for one account).
      hooks: {
        draw: [
          (u: uPlot) => {
            const y = u.valToPos(report.threshold * 100, 'y', true)
            u.ctx.save()
            u.ctx.setLineDash([6, 4])
            u.ctx.strokeStyle = '#495057'
            u.ctx.lineWidth = 2
            u.ctx.beginPath()
            u.ctx.moveTo(u.bbox.left, y)
            u.ctx.lineTo(u.bbox.left + u.bbox.width, y)
            u.ctx.stroke()
            u.ctx.restore()
          },
        ],
      },
    }
  }, [report])
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`Broadcast share per account over 7 and 30 days, against the ${percent(report.threshold)} threshold (dashed line)`}
    />
  )
}
