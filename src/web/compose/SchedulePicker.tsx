import { List, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import type { Account } from '../accounts/account-queries.ts'
import { formatDateTime, personTimeZone } from '../components/format-date.ts'
import type { Queue } from './compose-queries.ts'
import type { Draft } from './compose-state.ts'

/** When it goes: each account's next free slot, or a time; every account's clock spelled out. */
export function SchedulePicker({
  draft,
  accounts,
  queues,
  onChange,
}: {
  draft: Draft
  accounts: Account[]
  queues: Array<Queue | undefined>
  onChange: (change: Partial<Draft>) => void
}) {
  const at = draft.at ? new Date(draft.at) : null
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="When"
        value={draft.when}
        onChange={(value) => onChange({ when: value as Draft['when'] })}
        data={[
          { value: 'slot', label: 'Next free slot' },
          { value: 'at', label: 'Pick a time' },
        ]}
      />
      {draft.when === 'at' && (
        <TextInput
          type="datetime-local"
          label="Date and time"
          description={`On your clock (${personTimeZone()})`}
          value={draft.at}
          onChange={(event) => onChange({ at: event.currentTarget.value })}
        />
      )}
      {accounts.length === 0 ? (
        <Text size="sm" c="dimmed">
          Choose an account above to see its next free slots.
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {accounts.map((account, index) => {
            const queue = queues[index]
            const next = queue?.upcoming[0]
            let says: string
            if (!queue) says = 'reading its queue…'
            else if (draft.when === 'at')
              says =
                at && !Number.isNaN(at.getTime())
                  ? formatDateTime(at, { accountTimeZone: queue.timeZone })
                  : 'pick a time'
            else if (!next) says = 'no free slots: add some in Queues, or pick a time'
            else says = formatDateTime(next.at, { accountTimeZone: queue.timeZone })
            return (
              <List.Item key={account.id}>
                <Text span size="sm" fw={600}>
                  {account.handle}
                </Text>
                : {says}
                {queue && ` · its time zone is ${queue.timeZone}`}
              </List.Item>
            )
          })}
        </List>
      )}
    </Stack>
  )
}
