import { Button, Card, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { PersonFacts } from './PersonFacts.tsx'
import {
  type FollowingFilter,
  type PersonCard,
  useFollowing,
  useUnfollow,
} from './people-queries.ts'
import { useFollowingShortcuts } from './use-people-shortcuts.ts'

const FILTERS: Array<{ value: string; label: string; empty: string }> = [
  {
    value: 'all',
    label: 'Everyone',
    empty: 'This account follows nobody yet, as far as the last sync saw.',
  },
  {
    value: 'inactive',
    label: 'Silent 90 days',
    empty: 'Everyone this account follows has posted in the last 90 days.',
  },
  {
    value: 'no-interaction',
    label: 'Never talked',
    empty: 'You have talked with everyone this account follows.',
  },
  {
    value: 'not-following-back',
    label: 'Not following back',
    empty: 'Everyone this account follows follows it back.',
  },
]

/**
 * Whom the account follows, filtered to those worth a second look; each unfollow is one
 * person, confirmed, at a person's pace.
 */
export function FollowingList({
  workspaceId,
  accountId,
  accountHandle,
  mayAct,
  active,
}: {
  workspaceId: string
  accountId: string
  accountHandle: string
  mayAct: boolean
  active: boolean
}) {
  const [filter, setFilter] = useState('all')
  const narrow = useMediaQuery('(max-width: 40em)')
  const following = useFollowing(
    workspaceId,
    accountId,
    filter === 'all' ? undefined : (filter as FollowingFilter),
  )
  const unfollow = useUnfollow(workspaceId, accountId)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<PersonCard | null>(null)
  const items = following.data?.pages.flatMap((page) => page.items) ?? []
  const selected = items.find((p) => p.id === selectedId) ?? items[0] ?? null
  const index = selected ? items.indexOf(selected) : -1

  useFollowingShortcuts(active && items.length > 0, {
    select: (by) => {
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (next) {
        setSelectedId(next.id)
        document.getElementById(`following-${next.id}`)?.scrollIntoView({ block: 'nearest' })
      }
    },
    open: () => {
      if (selected?.url) window.open(selected.url, '_blank', 'noopener,noreferrer')
    },
    unfollow: () => {
      if (selected && mayAct) {
        unfollow.reset()
        setConfirming(selected)
      }
    },
  })

  const confirm = () => {
    if (!confirming) return
    const person = confirming
    unfollow.mutate(person, {
      onSuccess: () => {
        setConfirming(null)
        notifications.show({
          title: `@${person.handle}`,
          message: `@${accountHandle} no longer follows them.`,
        })
      },
    })
  }

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show"
        value={filter}
        onChange={(value) => {
          setFilter(value)
          setSelectedId(null)
        }}
        data={FILTERS.map(({ value, label }) => ({ value, label }))}
        fullWidth
        orientation={narrow ? 'vertical' : 'horizontal'}
      />
      {following.isPending ? (
        <Loading label="Loading whom you follow…" />
      ) : following.isError ? (
        <ProblemAlert error={following.error} title="Following did not load" />
      ) : items.length === 0 ? (
        <Text c="dimmed">{FILTERS.find((f) => f.value === filter)?.empty}</Text>
      ) : (
        <>
          <Stack gap="sm" aria-label="Following" role="list">
            {items.map((person) => (
              <Card
                key={person.id}
                id={`following-${person.id}`}
                withBorder
                role="listitem"
                aria-current={person === selected ? 'true' : undefined}
                onClick={() => setSelectedId(person.id)}
                style={{
                  outline:
                    person === selected ? '2px solid var(--mantine-color-sous-7)' : undefined,
                }}
              >
                <Stack gap="xs">
                  <PersonFacts person={person} />
                  {mayAct && (
                    <Group>
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        onClick={() => {
                          unfollow.reset()
                          setConfirming(person)
                        }}
                      >
                        Unfollow…
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
          {following.hasNextPage && (
            <Button
              variant="default"
              loading={following.isFetchingNextPage}
              onClick={() => void following.fetchNextPage()}
              w="fit-content"
            >
              Show more (the first {items.length} are shown)
            </Button>
          )}
        </>
      )}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `Unfollow @${confirming.handle}?` : 'Unfollow?'}
      >
        {confirming && (
          <Stack gap="sm">
            <Text size="sm">
              @{accountHandle} stops following @{confirming.handle}. They are not told, and you can
              follow them again later.
            </Text>
            <ProblemAlert error={unfollow.error} title="Not unfollowed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)} data-autofocus>
                Cancel
              </Button>
              <Button color="red" loading={unfollow.isPending} onClick={confirm}>
                Unfollow
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  )
}
