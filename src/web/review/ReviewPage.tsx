import {
  Badge,
  Button,
  Card,
  ColorSwatch,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { useAccounts } from '../accounts/account-queries.ts'
import { ReleaseBrakes } from '../brake/ReleaseBrakes.tsx'
import { fromLocalInput, toLocalInput } from '../calendar/calendar-dates.ts'
import { accountColour } from '../components/account-colours.ts'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { KeyCombo } from '../components/shortcuts.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type Decision, type ReviewEntry, useDecide, useReview } from './review-queries.ts'
import { useReviewShortcuts } from './use-review-shortcuts.ts'

const DONE: Record<Decision['action'], string> = {
  publish_now: 'It goes out now.',
  reschedule: 'Rescheduled.',
  discard: 'Discarded: it will not go out.',
}

/**
 * Deliveries waiting for a person — their time came under the brake or before approval, or
 * their account is held — each decided with one key: publish now, reschedule, discard. The
 * engaged brakes follow, so resuming comes after looking at what is queued.
 */
export function ReviewPage() {
  const { workspace, may } = useWorkspace()
  const review = useReview(workspace.id)
  const accounts = useAccounts(workspace.id)
  const decide = useDecide(workspace.id)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [timing, setTiming] = useState<ReviewEntry | null>(null)
  const mayDecide = may('posts.publish')
  const items = review.data?.items ?? []
  const selected = items.find((e) => e.deliveryId === selectedId) ?? items[0] ?? null

  const act = (entry: ReviewEntry | null, decision: Decision, onDone?: () => void) => {
    if (!entry || !mayDecide) return
    setSelectedId(neighbour(items, entry))
    decide.mutate(
      { deliveryId: entry.deliveryId, decision },
      {
        onSuccess: () => {
          notifications.show({
            title: entry.handle,
            message:
              decision.action === 'reschedule' && decision.at
                ? `Rescheduled for ${formatDateTime(decision.at)}.`
                : decision.action === 'reschedule'
                  ? 'Rescheduled to its next free slot.'
                  : DONE[decision.action],
          })
          onDone?.()
        },
        onError: () => setSelectedId(entry.deliveryId),
      },
    )
  }

  useReviewShortcuts({
    select: (by) => {
      if (items.length === 0) return
      const index = selected ? items.indexOf(selected) : -1
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (next) {
        setSelectedId(next.deliveryId)
        document.getElementById(`review-${next.deliveryId}`)?.scrollIntoView({ block: 'nearest' })
      }
    },
    publishNow: () => act(selected, { action: 'publish_now' }),
    nextSlot: () => act(selected, { action: 'reschedule', slot: true }),
    atTime: () => {
      if (selected && mayDecide) {
        decide.reset()
        setTiming(selected)
      }
    },
    discard: () => act(selected, { action: 'discard' }),
  })

  const failedId = decide.isError ? decide.variables?.deliveryId : undefined

  return (
    <>
      <PageHeader
        title="Review"
        description="Deliveries waiting for a person: late, held by the brake, or not approved yet. Nothing here goes out until someone decides."
      />
      <Title order={2} size="h3" mb="sm">
        Waiting for a decision
      </Title>
      {review.isPending ? (
        <Loading label="Loading what waits…" />
      ) : review.isError ? (
        <ProblemAlert error={review.error} title="Review did not load" />
      ) : items.length === 0 ? (
        <Text c="dimmed" mb="xl">
          Nothing waits for review. What comes due while a brake is on, or before a post is
          approved, appears here.
        </Text>
      ) : (
        <Stack gap="sm" mb="xl">
          {mayDecide ? (
            <Text size="sm" c="dimmed">
              Select with <KeyComboInline keys="j" /> and <KeyComboInline keys="k" />, then{' '}
              <KeyComboInline keys="p" /> publish now, <KeyComboInline keys="r" /> next free slot,{' '}
              <KeyComboInline keys="t" /> a time, <KeyComboInline keys="d" /> discard.
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              An editor decides these.
            </Text>
          )}
          {items.map((entry) => (
            <ReviewCard
              key={entry.deliveryId}
              entry={entry}
              colour={accountColour(entry.accountId, accounts.data?.items ?? [])}
              selected={entry === selected}
              mayDecide={mayDecide}
              error={failedId === entry.deliveryId ? decide.error : null}
              onSelect={() => setSelectedId(entry.deliveryId)}
              onDecide={(decision) => act(entry, decision)}
              onAtTime={() => {
                decide.reset()
                setSelectedId(entry.deliveryId)
                setTiming(entry)
              }}
            />
          ))}
        </Stack>
      )}

      <ReleaseBrakes />

      <Modal opened={timing !== null} onClose={() => setTiming(null)} title="Reschedule to a time">
        {timing && (
          <AtTimeForm
            entry={timing}
            pending={decide.isPending}
            error={decide.error}
            onCancel={() => setTiming(null)}
            onSubmit={(at) =>
              act(timing, { action: 'reschedule', at: at.toISOString() }, () => setTiming(null))
            }
          />
        )}
      </Modal>
    </>
  )
}

/** The entry to select once this one leaves the list: the next, else the one before. */
function neighbour(items: ReviewEntry[], entry: ReviewEntry): string | null {
  const index = items.indexOf(entry)
  return (items[index + 1] ?? items[index - 1])?.deliveryId ?? null
}

function KeyComboInline({ keys }: { keys: string }) {
  return (
    <span style={{ display: 'inline-block', verticalAlign: 'middle' }}>
      <KeyCombo keys={keys} />
    </span>
  )
}

function ReviewCard({
  entry,
  colour,
  selected,
  mayDecide,
  error,
  onSelect,
  onDecide,
  onAtTime,
}: {
  entry: ReviewEntry
  colour: string
  selected: boolean
  mayDecide: boolean
  error: unknown
  onSelect: () => void
  onDecide: (decision: Decision) => void
  onAtTime: () => void
}) {
  return (
    <Card
      id={`review-${entry.deliveryId}`}
      withBorder
      role="article"
      aria-label={`${entry.handle}, due ${formatDateTime(entry.dueAt)}`}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      style={{
        borderLeft: `4px solid var(--mantine-color-${colour}-6)`,
        outline: selected ? '2px solid var(--mantine-color-sous-7)' : undefined,
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap={6}>
            <ColorSwatch size={12} color={`var(--mantine-color-${colour}-6)`} aria-hidden />
            <Text fw={600}>{entry.handle}</Text>
            <Badge variant="light" color={entry.state === 'held' ? 'grape' : 'orange'}>
              {entry.state === 'held' ? 'Held' : 'Needs review'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Was due {formatDateTime(entry.dueAt)} ({formatRelative(entry.dueAt)})
          </Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{entry.text}</Text>
        {entry.error && (
          <Text size="sm" c="dimmed">
            Why it waits: {entry.error}
          </Text>
        )}
        <ProblemAlert error={error} title="Not decided" />
        {mayDecide && (
          <Group gap="xs">
            <Button size="xs" onClick={() => onDecide({ action: 'publish_now' })}>
              Publish now
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => onDecide({ action: 'reschedule', slot: true })}
            >
              Next free slot
            </Button>
            <Button size="xs" variant="default" onClick={onAtTime}>
              At a time…
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => onDecide({ action: 'discard' })}
            >
              Discard
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  )
}

function AtTimeForm({
  entry,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  entry: ReviewEntry
  pending: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (at: Date) => void
}) {
  const [value, setValue] = useState(() => toLocalInput(new Date(Date.now() + 60 * 60_000)))
  const at = fromLocalInput(value)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (at) onSubmit(at)
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {entry.handle}: “{entry.text.slice(0, 120)}
          {entry.text.length > 120 ? '…' : ''}”
        </Text>
        <TextInput
          type="datetime-local"
          label="When, on your clock"
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          required
          data-autofocus
        />
        <ProblemAlert error={error} title="Not rescheduled" fields={[]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!at}>
            Reschedule
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
