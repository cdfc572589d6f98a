import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { useAccounts } from '../accounts/account-queries.ts'
import { formatDateTime, personTimeZone } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath } from '../shell/navigation.ts'
import { type Queue, type Slot, useQueue, useSaveQueue } from './queue-queries.ts'
import { useQueuesShortcuts } from './use-queues-shortcuts.ts'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
const ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []

/** One time of day on some weekdays: how a person thinks of a queue ("09:30 on weekdays"). */
type Row = { key: number; time: string; weekdays: number[] }

function toRows(slots: Slot[]): Row[] {
  const byTime = new Map<string, number[]>()
  for (const slot of slots) byTime.set(slot.time, [...(byTime.get(slot.time) ?? []), slot.weekday])
  return [...byTime]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([time, weekdays], key) => ({ key, time, weekdays: weekdays.sort() }))
}

function toSlots(rows: Row[]): Slot[] {
  const seen = new Set<string>()
  return rows.flatMap((row) =>
    row.weekdays
      .map((weekday) => ({ weekday, time: row.time }))
      .filter((slot) => {
        const id = `${slot.weekday} ${slot.time}`
        if (seen.has(id)) return false
        seen.add(id)
        return true
      }),
  )
}

/**
 * Each account's weekly slots, in the account's own time zone, and the next free ones: a
 * post "into the queue" takes the first free slot.
 */
export function QueuesPage() {
  const { workspace } = useWorkspace()
  const accounts = useAccounts(workspace.id)
  const [chosen, setChosen] = useState<string | null>(null)
  const list = accounts.data?.items ?? []
  const accountId = chosen ?? list[0]?.id ?? null

  return (
    <>
      <PageHeader
        title="Queues"
        description="Each account's weekly time slots, on the account's own clock. A post added to the queue takes the next free one."
      />
      {accounts.isPending ? (
        <Loading label="Loading the accounts…" />
      ) : accounts.isError ? (
        <ProblemAlert error={accounts.error} title="The accounts did not load" />
      ) : list.length === 0 ? (
        <Text c="dimmed">
          No account is connected yet.{' '}
          <Link underline="always" to={sectionPath(workspace.id, 'accounts')}>
            Connect one
          </Link>{' '}
          to give it a queue.
        </Text>
      ) : (
        <Stack gap="md">
          <Select
            label="Account"
            data={list.map((a) => ({ value: a.id, label: `${a.handle} (${a.network})` }))}
            value={accountId}
            onChange={setChosen}
            allowDeselect={false}
            maw={420}
          />
          {accountId && <AccountQueue key={accountId} accountId={accountId} />}
        </Stack>
      )}
    </>
  )
}

function AccountQueue({ accountId }: { accountId: string }) {
  const { workspace } = useWorkspace()
  const queue = useQueue(workspace.id, accountId)
  if (queue.isPending) return <Loading label="Loading the queue…" />
  if (queue.isError) return <ProblemAlert error={queue.error} title="The queue did not load" />
  return <QueueEditor accountId={accountId} queue={queue.data} />
}

function QueueEditor({ accountId, queue }: { accountId: string; queue: Queue }) {
  const { workspace, may } = useWorkspace()
  const save = useSaveQueue(workspace.id, accountId)
  const mayEdit = may('posts.publish')
  // A queue without slots has no zone chosen yet (the server says UTC): start from the person's.
  const [timeZone, setTimeZone] = useState(
    queue.slots.length > 0 && queue.timeZone ? queue.timeZone : personTimeZone(),
  )
  const [rows, setRows] = useState<Row[]>(() => toRows(queue.slots))
  const [nextKey, setNextKey] = useState(rows.length)

  const addTime = () => {
    setRows((r) => [...r, { key: nextKey, time: '09:00', weekdays: [1, 2, 3, 4, 5] }])
    setNextKey((k) => k + 1)
  }
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!mayEdit) return
    save.mutate(
      { timeZone, slots: toSlots(rows.filter((r) => r.time)) },
      {
        onSuccess: () =>
          notifications.show({ title: 'Queue saved', message: 'The next free slots are updated.' }),
      },
    )
  }
  useQueuesShortcuts({ addTime, save: () => submit() })

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Card withBorder component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4">
            Weekly slots
          </Title>
          <Select
            label="Time zone of the slots"
            description="The account's clock; its audience's, usually."
            data={ZONES.includes(timeZone) ? ZONES : [timeZone, ...ZONES]}
            value={timeZone}
            onChange={(value) => value && setTimeZone(value)}
            searchable
            allowDeselect={false}
            disabled={!mayEdit}
            error={fieldError(save.error, 'timeZone')}
          />
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              No slots yet: add a time, pick its weekdays, and save.
            </Text>
          )}
          {rows.map((row, index) => (
            <Stack key={row.key} gap={6}>
              <Group gap="xs" align="flex-end">
                <TextInput
                  type="time"
                  label={`Time ${index + 1}`}
                  value={row.time}
                  disabled={!mayEdit}
                  onChange={(event) => {
                    const time = event.currentTarget.value
                    setRows((r) => r.map((x) => (x.key === row.key ? { ...x, time } : x)))
                  }}
                  w={130}
                />
                {mayEdit && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Remove time ${index + 1}`}
                    onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
              <Checkbox.Group
                aria-label={`Weekdays of time ${index + 1}`}
                value={row.weekdays.map(String)}
                onChange={(values) =>
                  setRows((r) =>
                    r.map((x) =>
                      x.key === row.key ? { ...x, weekdays: values.map(Number).sort() } : x,
                    ),
                  )
                }
              >
                <Group gap="sm">
                  {WEEKDAYS.map((day, i) => (
                    <Checkbox key={day} value={String(i + 1)} label={day} disabled={!mayEdit} />
                  ))}
                </Group>
              </Checkbox.Group>
            </Stack>
          ))}
          <ProblemAlert error={save.error} title="The queue was not saved" fields={['timeZone']} />
          {mayEdit ? (
            <Group justify="space-between">
              <Button variant="default" onClick={addTime}>
                Add a time
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save the queue
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              An editor sets the queue.
            </Text>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Next free slots
          </Title>
          {queue.upcoming.length === 0 ? (
            <Text size="sm" c="dimmed">
              None: this account has no slots, so nothing can be added to its queue yet.
            </Text>
          ) : (
            <Stack gap={4} component="ol" style={{ paddingLeft: '1.25rem', margin: 0 }}>
              {queue.upcoming.map((slot) => (
                <Text component="li" size="sm" key={slot.at}>
                  {formatDateTime(slot.at, { accountTimeZone: queue.timeZone })}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
    </SimpleGrid>
  )
}
