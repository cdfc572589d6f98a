import { Button, Card, Group, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type ReactNode, useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { KeyCombo } from '../components/shortcuts.tsx'
import { NoteDialog } from './NoteDialog.tsx'
import { PersonFacts } from './PersonFacts.tsx'
import {
  type Decision,
  type PersonCard,
  useDecideFollower,
  useReviewQueue,
} from './people-queries.ts'
import { useFollowerShortcuts } from './use-people-shortcuts.ts'

/**
 * New followers, one at a time: the card in front is decided with one key and the next is
 * already on screen (the queue is loaded ahead). A refusal — the pace, a profile gone —
 * puts the card back with the reason and how long to wait.
 */
export function FollowerQueue({
  workspaceId,
  accountId,
  accountHandle,
  mayAct,
  active,
  empty,
}: {
  workspaceId: string
  accountId: string
  accountHandle: string
  mayAct: boolean
  active: boolean
  empty: ReactNode
}) {
  const queue = useReviewQueue(workspaceId, accountId)
  const decide = useDecideFollower(workspaceId, accountId)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [noteTo, setNoteTo] = useState<PersonCard | null>(null)
  const items = queue.data?.items ?? []
  const current = items.find((p) => p.id === selectedId) ?? items[0] ?? null
  const index = current ? items.indexOf(current) : -1

  const act = (decision: Decision) => {
    if (!current || !mayAct) return
    const person = current
    setSelectedId((items[index + 1] ?? items[index - 1])?.id ?? null)
    decide.mutate(
      { person, decision },
      {
        onSuccess: () =>
          notifications.show({
            title: `@${person.handle}`,
            message:
              decision === 'follow'
                ? `@${accountHandle} follows them now.`
                : 'Dismissed: they will not come back to review.',
          }),
        onError: () => setSelectedId(person.id),
      },
    )
  }
  const open = () => {
    if (current?.url) window.open(current.url, '_blank', 'noopener,noreferrer')
  }

  useFollowerShortcuts(active && items.length > 0, {
    select: (by) => {
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (next) setSelectedId(next.id)
    },
    followBack: () => act('follow'),
    dismiss: () => act('dismiss'),
    note: () => {
      if (current && mayAct) setNoteTo(current)
    },
    open,
  })

  if (queue.isPending) return <Loading label="Loading new followers…" />
  if (queue.isError) return <ProblemAlert error={queue.error} title="New followers did not load" />

  const failed = decide.isError ? decide.variables?.person : undefined
  return (
    <Stack gap="sm">
      {failed && (
        <ProblemAlert
          error={decide.error}
          title={
            decide.variables?.decision === 'follow'
              ? `@${failed.handle} was not followed back`
              : `@${failed.handle} was not dismissed`
          }
        />
      )}
      {!current ? (
        empty
      ) : (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" aria-live="polite">
              {index + 1} of {items.length}
              {queue.data?.next ? '+' : ''} waiting
            </Text>
            {mayAct ? (
              <Group gap={6} wrap="wrap">
                <Hint keys="f" label="follow back" />
                <Hint keys="d" label="dismiss" />
                <Hint keys="n" label="note" />
                <Hint keys="o" label="open" />
                <Hint keys="j" label="next" />
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                An editor decides these.
              </Text>
            )}
          </Group>
          <Card
            withBorder
            role="article"
            aria-label={`${current.displayName || current.handle} (@${current.handle})`}
            data-person={current.id}
          >
            <Stack gap="md">
              <PersonFacts person={current} />
              <Group gap="xs">
                {mayAct && (
                  <>
                    <Button size="sm" onClick={() => act('follow')}>
                      Follow back
                    </Button>
                    <Button size="sm" variant="default" onClick={() => act('dismiss')}>
                      Dismiss
                    </Button>
                    <Button size="sm" variant="default" onClick={() => setNoteTo(current)}>
                      Write a note…
                    </Button>
                  </>
                )}
                <Button
                  size="sm"
                  variant="subtle"
                  disabled={index <= 0}
                  onClick={() => setSelectedId(items[index - 1]?.id ?? null)}
                >
                  Previous
                </Button>
                <Button
                  size="sm"
                  variant="subtle"
                  disabled={index >= items.length - 1}
                  onClick={() => setSelectedId(items[index + 1]?.id ?? null)}
                >
                  Next
                </Button>
              </Group>
            </Stack>
          </Card>
        </>
      )}
      <NoteDialog
        workspaceId={workspaceId}
        accountId={accountId}
        accountHandle={accountHandle}
        person={noteTo}
        onClose={() => setNoteTo(null)}
      />
    </Stack>
  )
}

function Hint({ keys, label }: { keys: string; label: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <KeyCombo keys={keys} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  )
}
