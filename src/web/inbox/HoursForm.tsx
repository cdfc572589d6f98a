import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { type InboxSettings, useSaveInboxSettings } from './inbox-queries.ts'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

type Day = { open: boolean; from: string; to: string }

/**
 * Business hours in the workspace's zone (none ticked = always open), the first-response
 * target in business time, and the public feedback link. Only admins change them.
 */
export function HoursForm({
  workspaceId,
  settings,
  mayManage,
}: {
  workspaceId: string
  settings: InboxSettings
  mayManage: boolean
}) {
  const save = useSaveInboxSettings(workspaceId)
  const [timeZone, setTimeZone] = useState(settings.businessHours.timeZone)
  const [targetHours, setTargetHours] = useState<number>(settings.firstResponseTargetMinutes / 60)
  const [slug, setSlug] = useState(settings.feedbackSlug ?? '')
  const [enabled, setEnabled] = useState(settings.feedbackEnabled)
  const [days, setDays] = useState<Day[]>(() =>
    WEEKDAYS.map((_, index) => {
      const window = settings.businessHours.windows.find((w) => w.weekday === index + 1)
      return window
        ? { open: true, from: window.open, to: window.close }
        : { open: false, from: '09:00', to: '17:00' }
    }),
  )
  const setDay = (index: number, change: Partial<Day>) =>
    setDays((all) => all.map((day, i) => (i === index ? { ...day, ...change } : day)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate({
      businessHours: {
        timeZone: timeZone.trim(),
        windows: days.flatMap((day, index) =>
          day.open ? [{ weekday: index + 1, open: day.from, close: day.to }] : [],
        ),
      },
      firstResponseTargetMinutes: Math.max(1, Math.round(targetHours * 60)),
      feedbackSlug: slug.trim() || null,
      feedbackEnabled: enabled,
    })
  }
  const link = slug.trim() ? `${window.location.origin}/f/${slug.trim()}` : null

  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={!mayManage} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          {!mayManage && (
            <Text size="sm" c="dimmed">
              An admin changes these.
            </Text>
          )}
          <TextInput
            label="Time zone"
            description="An IANA zone, e.g. Europe/Berlin"
            value={timeZone}
            onChange={(event) => setTimeZone(event.currentTarget.value)}
            error={fieldError(save.error, 'businessHours.timeZone')}
          />
          <Table verticalSpacing={4} aria-label="Business hours">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {WEEKDAYS.map((name, index) => {
                const day = days[index] as Day
                return (
                  <Table.Tr key={name}>
                    <Table.Td>
                      <Checkbox
                        label={name}
                        checked={day.open}
                        onChange={(event) => setDay(index, { open: event.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        type="time"
                        size="xs"
                        aria-label={`${name} from`}
                        disabled={!day.open}
                        value={day.from}
                        onChange={(event) => setDay(index, { from: event.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        type="time"
                        size="xs"
                        aria-label={`${name} to`}
                        disabled={!day.open}
                        value={day.to}
                        onChange={(event) => setDay(index, { to: event.currentTarget.value })}
                      />
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            No day ticked: always open. Waiting time counts only inside these hours.
          </Text>
          <NumberInput
            label="First-response target, in business hours"
            min={0.25}
            max={720}
            step={0.5}
            decimalScale={2}
            value={targetHours}
            onChange={(value) =>
              setTargetHours(typeof value === 'number' ? value : Number(value) || 1)
            }
            error={fieldError(save.error, 'firstResponseTargetMinutes')}
          />
          <TextInput
            label="Feedback link name"
            description={
              link ? `The public form: ${link}` : 'Lower-case letters, digits and hyphens'
            }
            value={slug}
            onChange={(event) => setSlug(event.currentTarget.value.toLowerCase())}
            error={fieldError(save.error, 'feedbackSlug')}
          />
          <Switch
            label="Anyone with the link may write to the inbox"
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <ProblemAlert
            error={save.error}
            title="Not saved"
            fields={['businessHours.timeZone', 'firstResponseTargetMinutes', 'feedbackSlug']}
          />
          {save.isSuccess && (
            <Text size="sm" c="teal.9" role="status">
              Saved.
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </form>
  )
}
