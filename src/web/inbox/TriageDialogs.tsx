import { Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { fromLocalInput, toLocalInput } from '../calendar/calendar-dates.ts'
import type { Member } from '../settings/member-queries.ts'
import type { InboxItem } from './inbox-queries.ts'
import type { TriageActions } from './use-triage.ts'

/** Snooze, assign and tag: the steps that need a choice, each in a small dialog. */
export function TriageDialogs({
  item,
  triage,
  members,
}: {
  item: InboxItem | null
  triage: TriageActions
  members: Member[]
}) {
  const title =
    triage.dialog === 'snooze'
      ? 'Snooze until'
      : triage.dialog === 'assign'
        ? 'Assign to'
        : 'Tag this message'
  return (
    <Modal
      opened={item !== null && triage.dialog !== null}
      onClose={triage.closeDialog}
      title={title}
    >
      {item && triage.dialog === 'snooze' && <SnoozeForm triage={triage} />}
      {item && triage.dialog === 'assign' && (
        <AssignForm item={item} triage={triage} members={members} />
      )}
      {item && triage.dialog === 'tag' && <TagForm item={item} triage={triage} />}
    </Modal>
  )
}

function laterToday(hours: number): Date {
  return new Date(Date.now() + hours * 3_600_000)
}

function tomorrowAt(hour: number): Date {
  const at = new Date()
  at.setDate(at.getDate() + 1)
  at.setHours(hour, 0, 0, 0)
  return at
}

function nextMonday(hour: number): Date {
  const at = new Date()
  at.setDate(at.getDate() + ((8 - at.getDay()) % 7 || 7))
  at.setHours(hour, 0, 0, 0)
  return at
}

function SnoozeForm({ triage }: { triage: TriageActions }) {
  const [value, setValue] = useState(() => toLocalInput(tomorrowAt(9)))
  const at = fromLocalInput(value)
  const snooze = (until: Date) =>
    triage.apply({ status: 'snoozed', snoozeUntil: until.toISOString() })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (at) snooze(at)
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          It leaves the list and comes back by itself then.
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => snooze(laterToday(3))} data-autofocus>
            In 3 hours
          </Button>
          <Button size="xs" variant="default" onClick={() => snooze(tomorrowAt(9))}>
            Tomorrow 9:00
          </Button>
          <Button size="xs" variant="default" onClick={() => snooze(nextMonday(9))}>
            Monday 9:00
          </Button>
        </Group>
        <TextInput
          type="datetime-local"
          label="Or a time, on your clock"
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={triage.closeDialog}>
            Cancel
          </Button>
          <Button type="submit" disabled={!at}>
            Snooze
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function AssignForm({
  item,
  triage,
  members,
}: {
  item: InboxItem
  triage: TriageActions
  members: Member[]
}) {
  const [assignee, setAssignee] = useState<string | null>(item.assigneeId ?? 'none')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    triage.apply({ assigneeId: assignee === 'none' ? null : assignee })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label="Who answers it"
          data-autofocus
          allowDeselect={false}
          searchable
          value={assignee}
          onChange={setAssignee}
          data={[
            { value: 'none', label: 'No one' },
            ...members.map((m) => ({ value: m.userId, label: m.name || m.email })),
          ]}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={triage.closeDialog}>
            Cancel
          </Button>
          <Button type="submit">Assign</Button>
        </Group>
      </Stack>
    </form>
  )
}

function TagForm({ item, triage }: { item: InboxItem; triage: TriageActions }) {
  const [tags, setTags] = useState<string[]>(item.tags)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    triage.apply({ tags })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TagsInput
          label="Tags"
          description="Press Enter after each tag."
          data-autofocus
          maxTags={20}
          value={tags}
          onChange={setTags}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={triage.closeDialog}>
            Cancel
          </Button>
          <Button type="submit">Save tags</Button>
        </Group>
      </Stack>
    </form>
  )
}
