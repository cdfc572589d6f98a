import { Group, Select } from '@mantine/core'
import type { Account } from '../accounts/account-queries.ts'
import type { Member } from '../settings/member-queries.ts'
import { KIND_LABELS, STATUS_LABELS } from './inbox-labels.ts'
import type { InboxFilters as Filters } from './inbox-queries.ts'

export type ListFilters = Omit<Filters, 'before'>

const KINDS: NonNullable<Filters['kind']>[] = [
  'question',
  'complaint',
  'praise',
  'feedback',
  'spam',
  'other',
  'unsure',
]
const STATUSES: NonNullable<Filters['status']>[] = ['open', 'waiting', 'snoozed', 'done']
const ANY = 'any'

/** Status, kind, account and assignee: each narrows the list the server sends. */
export function InboxFilters({
  value,
  onChange,
  accounts,
  members,
  meId,
}: {
  value: ListFilters
  onChange: (filters: ListFilters) => void
  accounts: Account[]
  members: Member[]
  meId: string
}) {
  const set = <K extends keyof ListFilters>(key: K, next: string | null) =>
    onChange({ ...value, [key]: next && next !== ANY ? next : undefined })
  return (
    <Group gap="xs" align="flex-end" mb="md">
      <Select
        label="Status"
        size="xs"
        w={150}
        allowDeselect={false}
        value={value.status ?? ANY}
        onChange={(next) => set('status', next)}
        data={[
          { value: ANY, label: 'Any status' },
          ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        ]}
      />
      <Select
        label="Kind"
        size="xs"
        w={140}
        allowDeselect={false}
        value={value.kind ?? ANY}
        onChange={(next) => set('kind', next)}
        data={[
          { value: ANY, label: 'Any kind' },
          ...KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k })),
        ]}
      />
      <Select
        label="Account"
        size="xs"
        w={180}
        allowDeselect={false}
        value={value.account ?? ANY}
        onChange={(next) => set('account', next)}
        data={[
          { value: ANY, label: 'Every account' },
          ...accounts.map((a) => ({ value: a.id, label: `@${a.handle}` })),
        ]}
      />
      <Select
        label="Assigned to"
        size="xs"
        w={180}
        allowDeselect={false}
        value={value.assignee ?? ANY}
        onChange={(next) => set('assignee', next)}
        data={[
          { value: ANY, label: 'Anyone or no one' },
          { value: meId, label: 'Me' },
          { value: 'none', label: 'No one yet' },
          ...members
            .filter((m) => m.userId !== meId)
            .map((m) => ({ value: m.userId, label: m.name || m.email })),
        ]}
      />
    </Group>
  )
}
