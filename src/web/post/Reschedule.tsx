import { Button, Card, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { asProblem } from '../api/api-problem.ts'
import { fromLocalInput, toLocalInput } from '../calendar/calendar-dates.ts'
import { personTimeZone } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { linkProps } from '../components/router.tsx'
import { composePath } from '../shell/navigation.ts'
import type { Post } from './post-queries.ts'
import { type RescheduleChoice, useReschedule } from './use-reschedule.ts'

type When = 'at' | 'slot' | 'now'

/** A variant that may still move: a draft, or scheduled and never tried (as the server decides). */
const movable = (variant: Post['variants'][number]) =>
  variant.accountId !== null &&
  variant.deliveries.every((d) => d.state === 'scheduled' && d.attempts === 0)

/**
 * Move the post to a time, its accounts' next free slots, or now — or open it in the composer
 * to change its words. Nothing shows once every variant is out or on its way.
 */
export function Reschedule({ workspaceId, post }: { workspaceId: string; post: Post }) {
  const reschedule = useReschedule(workspaceId, post.id)
  const due = post.variants.find((v) => v.state === 'scheduled')?.dueAt
  const [when, setWhen] = useState<When>('at')
  const [value, setValue] = useState(() =>
    toLocalInput(due ? new Date(due) : new Date(Date.now() + 3600_000)),
  )
  const moving = post.variants.filter(movable)
  if (moving.length === 0) return null
  const drafts = moving.every((v) => v.deliveries.length === 0)
  const at = fromLocalInput(value)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    let choice: RescheduleChoice
    if (when === 'slot') choice = { slot: true }
    else if (when === 'now') choice = { now: true }
    else if (at) choice = { at: at.toISOString() }
    else return
    reschedule.mutate(choice, {
      onSuccess: ({ changed, left }) =>
        notifications.show({
          color: 'green',
          message: `${changed === 1 ? 'One variant' : `${changed} variants`} ${
            when === 'now' ? 'going out now' : 'scheduled'
          }${left > 0 ? `; ${left} already out or on its way stayed` : ''}.`,
        }),
    })
  }

  return (
    <Card withBorder padding="md" mb="md" component="section" aria-labelledby="reschedule-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h4" id="reschedule-title">
              {drafts ? 'Schedule it' : 'Reschedule'}
            </Title>
            <Button
              component="a"
              variant="subtle"
              size="compact-sm"
              {...linkProps(composePath(workspaceId, post.id))}
            >
              Edit in Compose
            </Button>
          </Group>
          <SegmentedControl
            aria-label="When it goes"
            value={when}
            onChange={(v) => setWhen(v as When)}
            data={[
              { value: 'at', label: 'A time' },
              { value: 'slot', label: 'Next free slot' },
              { value: 'now', label: 'Now' },
            ]}
          />
          {when === 'at' && (
            <TextInput
              type="datetime-local"
              label="New time"
              description={`On your clock (${personTimeZone()}); every account's variant moves with it`}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={asProblem(reschedule.error)?.fieldMessage('schedule.at')}
              required
            />
          )}
          {when === 'slot' && (
            <Text size="sm" c="dimmed">
              Each account's next free slot in its queue, on its own clock.
            </Text>
          )}
          {when === 'now' && (
            <Text size="sm" c="dimmed">
              It goes out right away, unless a brake holds it.
            </Text>
          )}
          <ProblemAlert
            error={reschedule.error}
            title="It was not moved"
            fields={['schedule.at']}
          />
          <Group>
            <Button type="submit" loading={reschedule.isPending} disabled={when === 'at' && !at}>
              {when === 'now' ? 'Publish now' : drafts ? 'Schedule' : 'Reschedule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}
