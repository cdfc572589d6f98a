import { Anchor, Badge, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMemo, useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { KeyCombo } from '../components/shortcuts.tsx'
import { AlertList } from './AlertList.tsx'
import { ListeningStates } from './ListeningState.tsx'
import {
  type ListeningStatus,
  type ListenMatch,
  type SavedSearch,
  useAlerts,
  useMatches,
  useSendToInbox,
} from './listen-queries.ts'
import { MatchList } from './MatchList.tsx'
import { useMatchShortcuts } from './use-listen-shortcuts.ts'
import { VolumeChart } from './VolumeChart.tsx'

/**
 * One saved search: its volume over time, where listening stands, its alerts, and the live
 * list of its matches to go through by keyboard (j/k, o opens the post on its network).
 */
export function SearchPanel({
  ws,
  search,
  listening,
  mayManage,
  mayTriage,
  onEdit,
  onDelete,
  onBack,
}: {
  ws: string
  search: SavedSearch
  listening: ListeningStatus[]
  mayManage: boolean
  /** May send matches to the inbox (inbox.triage). */
  mayTriage: boolean
  onEdit: () => void
  onDelete: () => void
  onBack: () => void
}) {
  const matches = useMatches(ws, search.id)
  const alerts = useAlerts(ws)
  const [hours, setHours] = useState(1)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const items = useMemo(
    () => matches.data?.pages.flatMap((page) => page.items) ?? [],
    [matches.data],
  )
  const selected = items.find((m) => m.id === selectedId) ?? items[0] ?? null
  const ownAlerts = (alerts.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (a) => a.search.id === search.id,
  )
  const send = useSendToInbox(ws, search.id)
  const [inInbox, setInInbox] = useState<ReadonlySet<string>>(new Set())
  const toInbox = (match: ListenMatch | null) => {
    if (!match || !mayTriage || inInbox.has(match.id)) return
    send.mutate(match.id, {
      onSuccess: (result) => {
        setInInbox((before) => new Set(before).add(match.id))
        notifications.show({
          title: 'Inbox',
          message: result.created ? 'Sent to the inbox.' : 'It was in the inbox already.',
        })
      },
    })
  }

  useMatchShortcuts({
    select: (by) => {
      if (items.length === 0) return
      const index = selected ? items.indexOf(selected) : -1
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (next) {
        setSelectedId(next.id)
        document.getElementById(`match-${next.id}`)?.scrollIntoView({ block: 'nearest' })
      }
    },
    open: () => {
      if (selected) window.open(selected.url, '_blank', 'noopener,noreferrer')
    },
    toInbox: () => toInbox(selected),
    edit: () => mayManage && onEdit(),
    back: onBack,
  })

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
          ← All searches
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4} style={{ flex: '1 1 16rem', minWidth: 0 }}>
            <Title order={2} size="h3">
              {search.name}
            </Title>
            <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{search.query}</Code>
            <Group gap="xs">
              <Badge variant="light" color={search.alert ? 'grape' : 'gray'}>
                {search.alert
                  ? `Alerts: ${search.alert.sensitivity}, at least ${search.alert.minVolume} a minute, then quiet ${search.alert.cooldownMinutes} min`
                  : 'No spike alerts'}
              </Badge>
              <Badge variant="light" color={search.inbox ? 'sous' : 'gray'}>
                {search.inbox ? 'Matches go to the inbox' : 'Not sent to the inbox'}
              </Badge>
            </Group>
          </Stack>
          {mayManage && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={onEdit}>
                Edit search
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
                Delete
              </Button>
            </Group>
          )}
        </Group>
        <ListeningStates statuses={listening} />
      </Stack>

      <section aria-labelledby="volume-heading">
        <Title order={3} size="h4" id="volume-heading" mb="xs">
          Volume
        </Title>
        <VolumeChart ws={ws} searchId={search.id} hours={hours} onHours={setHours} />
      </section>

      {ownAlerts.length > 0 && (
        <section aria-labelledby="search-alerts-heading">
          <Title order={3} size="h4" id="search-alerts-heading" mb="xs">
            Its alerts
          </Title>
          <AlertList alerts={ownAlerts.slice(0, 5)} empty="" />
        </section>
      )}

      <section aria-labelledby="matches-heading">
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={3} size="h4" id="matches-heading">
            Matches
          </Title>
          <Text size="xs" c="dimmed">
            Live: new ones appear within seconds
          </Text>
        </Group>
        <MatchesBody
          loading={matches.isPending}
          error={matches.error}
          items={items}
          selected={selected}
          onSelect={(m) => setSelectedId(m.id)}
          mayManage={mayManage}
          onEdit={onEdit}
          inInbox={inInbox}
          sending={send.isPending ? (send.variables ?? null) : null}
          failed={send.isError && send.variables ? { id: send.variables, error: send.error } : null}
          onToInbox={mayTriage ? toInbox : null}
        />
        {matches.hasNextPage && (
          <Button
            mt="sm"
            variant="default"
            fullWidth
            loading={matches.isFetchingNextPage}
            onClick={() => matches.fetchNextPage()}
          >
            Show older matches
          </Button>
        )}
      </section>
    </Stack>
  )
}

function MatchesBody({
  loading,
  error,
  items,
  selected,
  onSelect,
  mayManage,
  onEdit,
  ...inbox
}: {
  loading: boolean
  error: unknown
  items: ListenMatch[]
  selected: ListenMatch | null
  onSelect: (match: ListenMatch) => void
  mayManage: boolean
  onEdit: () => void
  inInbox: ReadonlySet<string>
  sending: string | null
  failed: { id: string; error: unknown } | null
  onToInbox: ((match: ListenMatch) => void) | null
}) {
  if (loading) return <Loading label="Loading matches…" />
  if (error) return <ProblemAlert error={error} title="Matches did not load" />
  if (items.length === 0) {
    return (
      <Card withBorder padding="md">
        <Text size="sm">
          No match yet. New posts that fit the query appear here as they are posted; earlier posts
          are not searched.
        </Text>
        {mayManage && (
          <Text size="sm" c="dimmed" mt={4}>
            Too quiet for a while? Widen the query with OR or a wildcard (bak*).{' '}
            <Anchor component="button" type="button" size="sm" onClick={onEdit}>
              Edit the search
            </Anchor>
          </Text>
        )}
      </Card>
    )
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Go through them with <InlineKey keys="j" /> and <InlineKey keys="k" />, open one on its
        network with <InlineKey keys="o" />
        {inbox.onToInbox && (
          <>
            , send it to the inbox with <InlineKey keys="i" />
          </>
        )}
        .
      </Text>
      <MatchList matches={items} selectedId={selected?.id ?? null} onSelect={onSelect} {...inbox} />
    </Stack>
  )
}

function InlineKey({ keys }: { keys: string }) {
  return (
    <span style={{ display: 'inline-block', verticalAlign: 'middle' }}>
      <KeyCombo keys={keys} />
    </span>
  )
}
