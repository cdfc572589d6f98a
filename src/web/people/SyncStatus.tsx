import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import type { PeopleSummary, PeopleSync } from './people-queries.ts'

const count = new Intl.NumberFormat()
const LISTS = { followers: 'followers', follows: 'following' } as const

/**
 * How far Sous has read the account's lists: a bar while a sync runs (a first sync of a large
 * account takes a while, within the network's limits), when it last finished, and why it
 * paused or what the network refused.
 */
export function SyncStatus({
  summary,
  mayAct,
  pending,
  error,
  onSync,
}: {
  summary: PeopleSummary | undefined
  mayAct: boolean
  pending: boolean
  error: unknown
  onSync: () => void
}) {
  const syncs = (['followers', 'follows'] as const).map((list) => ({
    list,
    sync: summary?.sync[list] ?? null,
  }))
  const running = syncs.some(({ sync }) => sync && sync.state !== 'idle' && sync.state !== 'paused')
  return (
    <Stack gap="xs" role="region" aria-label="Sync">
      {syncs.map(({ list, sync }) => (
        <SyncLine key={list} what={LISTS[list]} sync={sync} />
      ))}
      <ProblemAlert error={error} title="Sync did not start" />
      {mayAct && (
        <Group>
          <Button size="xs" variant="default" loading={pending} disabled={running} onClick={onSync}>
            {running ? 'Syncing…' : 'Sync now'}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function SyncLine({ what, sync }: { what: string; sync: PeopleSync | null }) {
  if (!sync) return <Text size="sm">Sous has not read {what} yet.</Text>
  if (sync.state === 'paused')
    return (
      <Alert color="orange" variant="light" title={`Reading ${what} is paused`}>
        {sync.reason ?? 'The account needs attention.'} It resumes where it stood once the account
        is fine again (Accounts).
      </Alert>
    )
  if (sync.state === 'listing' || sync.state === 'enriching') {
    const total = sync.expected ?? null
    const value = total ? Math.min(100, (sync.listed / Math.max(1, total)) * 100) : null
    const label =
      sync.state === 'listing'
        ? `Reading ${what}: ${count.format(sync.listed)}${total ? ` of ${count.format(total)}` : ''}`
        : `Reading counts and last posts for ${what}`
    return (
      <Stack gap={4}>
        <Text size="sm">{label}</Text>
        <Progress
          value={value ?? 100}
          animated={value === null || sync.state === 'enriching'}
          aria-label={label}
        />
      </Stack>
    )
  }
  const finished = sync.finishedAt
  const outcome =
    sync.kind === 'full'
      ? `all ${count.format(sync.listed)}`
      : sync.added
        ? `${count.format(sync.added)} new`
        : 'nothing new'
  return (
    <Text size="sm">
      {finished ? (
        <>
          {what[0]?.toUpperCase()}
          {what.slice(1)}: last read{' '}
          <span title={formatDateTime(finished)}>{formatRelative(finished)}</span> ({outcome}).
        </>
      ) : (
        `Sous has not finished reading ${what} yet.`
      )}
      {sync.reason && ` The network refused the last try: ${sync.reason}`}
    </Text>
  )
}
