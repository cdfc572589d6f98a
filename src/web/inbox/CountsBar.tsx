import { Button, Group } from '@mantine/core'
import type { ListFilters } from './InboxFilters.tsx'

type Counts = { open: number; waiting: number; snoozed: number; mine: number; unassigned: number }

const number = new Intl.NumberFormat()

/** The inbox's counts, each a shortcut to the list it counts. */
export function CountsBar({
  counts,
  filters,
  meId,
  onChange,
}: {
  counts: Counts
  filters: ListFilters
  meId: string
  onChange: (filters: ListFilters) => void
}) {
  const views: Array<{ label: string; count: number; filters: ListFilters }> = [
    { label: 'Open', count: counts.open, filters: { status: 'open' } },
    { label: 'Mine', count: counts.mine, filters: { status: 'open', assignee: meId } },
    {
      label: 'Unassigned',
      count: counts.unassigned,
      filters: { status: 'open', assignee: 'none' },
    },
    { label: 'Waiting on them', count: counts.waiting, filters: { status: 'waiting' } },
    { label: 'Snoozed', count: counts.snoozed, filters: { status: 'snoozed' } },
  ]
  const same = (a: ListFilters, b: ListFilters) =>
    a.status === b.status && a.assignee === b.assignee && !a.kind && !a.account
  return (
    <Group gap={6} mb="sm" role="group" aria-label="Counts">
      {views.map((view) => {
        const current = same(filters, view.filters)
        return (
          <Button
            key={view.label}
            size="compact-sm"
            variant={current ? 'filled' : 'default'}
            aria-pressed={current}
            onClick={() => onChange(view.filters)}
          >
            {view.label} · {number.format(view.count)}
          </Button>
        )
      })}
    </Group>
  )
}
