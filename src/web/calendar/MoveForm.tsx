import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { fromLocalInput, toLocalInput } from './calendar-dates.ts'
import type { CalendarEntry } from './calendar-queries.ts'

/** Move a post to an exact time, on the reader's clock; the server decides. */
export function MoveForm({
  entry,
  pending,
  error,
  onCancel,
  onMove,
}: {
  entry: CalendarEntry
  pending: boolean
  error: unknown
  onCancel: () => void
  onMove: (at: Date) => void
}) {
  const [value, setValue] = useState(toLocalInput(new Date(entry.dueAt)))
  const at = fromLocalInput(value)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (at) onMove(at)
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {entry.handle}: “{entry.text.slice(0, 120)}
          {entry.text.length > 120 ? '…' : ''}” — every account's variant of this post moves with
          it.
        </Text>
        <TextInput
          type="datetime-local"
          label="New time, on your clock"
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          required
          data-autofocus
        />
        <ProblemAlert error={error} title="The post was not moved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!at}>
            Move
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
