import { useMemo } from 'react'
import type uPlot from 'uplot'
import { barPaths, UPlotChart } from '../components/UPlotChart.tsx'
import { groupWords } from './approach-words.ts'
import type { MeasureGroup, MeasureReport } from './measure-queries.ts'

type Options = Omit<uPlot.Options, 'width' | 'height'>

const DAILY_SERIES = [
  { key: 'conversations', label: 'Conversations', colour: '#c2410c' },
  { key: 'people', label: 'People engaged', colour: '#1971c2' },
  { key: 'replies', label: 'Replies', colour: '#2f9e44' },
] as const

/** Conversations, people and replies per day of publishing, over the period. */
export function DailyChart({ days }: { days: MeasureReport['days'] }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      days.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1_000),
      ...DAILY_SERIES.map((s) => days.map((d) => d[s.key])),
    ],
    [days],
  )
  const options = useMemo<Options>(
    () => ({
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { size: 48 }],
      series: [
        {},
        ...DAILY_SERIES.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          points: { show: days.length <= 31 },
        })),
      ],
      legend: { show: true },
    }),
    [days.length],
  )
  const total = (key: (typeof DAILY_SERIES)[number]['key']) =>
    days.reduce((sum, d) => sum + d[key], 0)
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`Per day of publishing over ${days.length} days: ${DAILY_SERIES.map((s) => `${total(s.key)} ${s.label.toLowerCase()}`).join(', ')}`}
    />
  )
}

const METRIC_WORDS: Record<MeasureReport['metric'], string> = {
  conversations: 'conversations',
  people: 'people engaged',
  replies: 'replies',
  quotes: 'quotes',
  reposts: 'reposts',
  likes: 'likes',
  clicks: 'link clicks',
  visitors: 'unique visitors',
}

export const metricWords = (metric: MeasureReport['metric']) => METRIC_WORDS[metric]

/**
 * Each group's per-post `metric` as a bar; a group with enough posts also shows its interval
 * (the others' mean plus the difference's interval) as a whisker, so an overlap is visible.
 */
export function GroupChart({
  by,
  groups,
  metric,
}: {
  by: MeasureReport['by']
  groups: MeasureGroup[]
  metric: MeasureReport['metric']
}) {
  const shown = useMemo(
    () => groups.slice(0, 12).map((g) => ({ ...g, label: groupWords(by, g) })),
    [by, groups],
  )
  const data = useMemo<uPlot.AlignedData>(
    () => [shown.map((_, i) => i), shown.map((g) => g.comparison.mean ?? 0)],
    [shown],
  )
  const options = useMemo<Options>(() => {
    const labels = shown.map((g) => g.label)
    return {
      scales: {
        x: { time: false, auto: false, range: () => [-0.5, labels.length - 0.5] },
        y: {
          range: (_u, _min, max) => [
            0,
            Math.max(
              max,
              ...shown.map(
                (g) => (g.comparison.otherMean ?? 0) + (g.comparison.difference?.high ?? 0),
              ),
              0.1,
            ) * 1.1,
          ],
        },
      },
      axes: [
        {
          values: (_u, splits) =>
            splits.map((s) => (Number.isInteger(s) ? (labels[s] ?? '').slice(0, 14) : '')),
          splits: () => labels.map((_, i) => i),
        },
        { size: 48 },
      ],
      series: [
        {},
        {
          label: `${METRIC_WORDS[metric]} per post`,
          fill: '#e8590c99',
          stroke: '#c2410c',
          paths: barPaths({ size: [0.6, 64] }),
          points: { show: false },
        },
      ],
      legend: { show: false },
      cursor: { show: false },
      hooks: {
        draw: [
          (u: uPlot) => {
            u.ctx.save()
            u.ctx.strokeStyle = '#212529'
            u.ctx.lineWidth = 2
            shown.forEach((g, i) => {
              const d = g.comparison.difference
              if (!d || g.comparison.otherMean === null) return
              const x = u.valToPos(i, 'x', true)
              const low = u.valToPos(Math.max(0, g.comparison.otherMean + d.low), 'y', true)
              const high = u.valToPos(g.comparison.otherMean + d.high, 'y', true)
              u.ctx.beginPath()
              u.ctx.moveTo(x, low)
              u.ctx.lineTo(x, high)
              u.ctx.moveTo(x - 6, low)
              u.ctx.lineTo(x + 6, low)
              u.ctx.moveTo(x - 6, high)
              u.ctx.lineTo(x + 6, high)
              u.ctx.stroke()
            })
            u.ctx.restore()
          },
        ],
      },
    }
  }, [shown, metric])
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`${METRIC_WORDS[metric]} per post by group: ${shown.map((g) => `${g.label} ${formatMean(g.comparison.mean)}`).join(', ')}`}
    />
  )
}

export function formatMean(value: number | null): string {
  if (value === null) return '—'
  return value >= 10 ? value.toFixed(0) : value.toFixed(1)
}
