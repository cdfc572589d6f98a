import { Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useMemo } from 'react'
import type uPlot from 'uplot'
import { formatDateTime } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { barPaths, UPlotChart } from '../components/UPlotChart.tsx'
import { useVolume } from './listen-queries.ts'

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

export const VOLUME_RANGES = [
  { value: '1', label: '1 h' },
  { value: '6', label: '6 h' },
  { value: '24', label: '24 h' },
]

/**
 * Every minute of the window on the x axis (so a young search does not stretch one bar over
 * years); minutes before the search was watching are gaps (null), not zeros.
 */
function minuteGrid(
  items: ReadonlyArray<{ minute: string; count: number }>,
  hours: number,
  now: number,
): uPlot.AlignedData {
  const counts = new Map(items.map((m) => [Date.parse(m.minute), m.count]))
  const watchedFrom = items[0] ? Date.parse(items[0].minute) : Number.POSITIVE_INFINITY
  const end = now - (now % 60_000)
  const xs: number[] = []
  const ys: Array<number | null> = []
  for (let at = end - (hours * 60 - 1) * 60_000; at <= end; at += 60_000) {
    xs.push(at / 1000)
    ys.push(at < watchedFrom ? null : (counts.get(at) ?? 0))
  }
  return [xs, ys]
}

/**
 * Matches per minute as bars, from when the search was saved (earlier minutes were not
 * watched, so they are left out rather than drawn as zeros); the same numbers in words beside.
 */
export function VolumeChart({
  ws,
  searchId,
  hours,
  onHours,
}: {
  ws: string
  searchId: string
  hours: number
  onHours: (hours: number) => void
}) {
  const volume = useVolume(ws, searchId, hours)
  const items = useMemo(() => volume.data?.items ?? [], [volume.data])
  const data = useMemo(() => minuteGrid(items, hours, Date.now()), [items, hours])
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      // Half a minute either side, so the first and the current minute's bars are drawn whole.
      scales: {
        x: { time: true, range: (_u, min, max) => [min - 30, max + 30] },
        y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.15)] },
      },
      axes: [
        {
          stroke: '#495057',
          grid: { stroke: '#f1f3f5' },
          // uPlot's own labels are American (11:30am 12/1/26); the person's clock reads otherwise.
          values: (_u, splits) => splits.map((s) => clock.format(s * 1000)),
        },
        {
          stroke: '#495057',
          grid: { stroke: '#f1f3f5' },
          size: 44,
          values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')),
        },
      ],
      series: [
        {},
        {
          label: 'Matches a minute',
          fill: '#c2410c',
          stroke: '#c2410c',
          paths: barPaths({ size: [0.8, 24] }),
          points: { show: false },
        },
      ],
      legend: { show: false },
    }),
    [],
  )
  const peak = items.reduce<{ minute: string; count: number } | null>(
    (top, m) => (m.count > (top?.count ?? 0) ? m : top),
    null,
  )
  const summary =
    volume.data && volume.data.total > 0
      ? `${volume.data.total.toLocaleString()} matches in the last ${hours === 1 ? 'hour' : `${hours} hours`}${
          peak ? `; the busiest minute had ${peak.count} (${formatDateTime(peak.minute)})` : ''
        }`
      : `No matches in the last ${hours === 1 ? 'hour' : `${hours} hours`} yet`

  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm" aria-live="polite">
          {summary}.
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Time range of the chart"
          value={String(hours)}
          onChange={(value) => onHours(Number(value))}
          data={VOLUME_RANGES}
        />
      </Group>
      <ProblemAlert error={volume.error} title="The volume did not load" />
      <UPlotChart
        options={options}
        data={data}
        height={180}
        label={`Matches per minute over the last ${hours === 1 ? 'hour' : `${hours} hours`}: ${summary}`}
      />
    </Stack>
  )
}
