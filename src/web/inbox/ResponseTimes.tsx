import { SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Account } from '../accounts/account-queries.ts'
import { api, unwrap } from '../api/api.ts'
import { formatDuration } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { inboxKeys } from './inbox-queries.ts'

const PERIODS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
]

type Row = {
  key: string
  name: string
  count: number
  medianMs: number | null
  p90Ms: number | null
}

/** How fast the team first answered, in business time: median and p90 per person and account. */
export function ResponseTimes({
  workspaceId,
  accounts,
  memberName,
}: {
  workspaceId: string
  accounts: Account[]
  memberName: (userId: string) => string
}) {
  const [days, setDays] = useState('30')
  const stats = useQuery({
    queryKey: [...inboxKeys.all, workspaceId, 'stats', days],
    queryFn: () => {
      const to = new Date()
      const from = new Date(to.getTime() - Number(days) * 86_400_000)
      return unwrap(
        api.GET('/api/v1/workspaces/{ws}/inbox/stats', {
          params: {
            path: { ws: workspaceId },
            query: { from: from.toISOString(), to: to.toISOString() },
          },
        }),
      )
    },
  })
  const handle = (accountId: string | null) => {
    const account = accounts.find((a) => a.id === accountId)
    return account ? `@${account.handle}` : 'The feedback form and listening'
  }

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Period"
        data={PERIODS}
        value={days}
        onChange={setDays}
        w="fit-content"
      />
      {stats.isPending ? (
        <Loading label="Measuring response times…" />
      ) : stats.isError ? (
        <ProblemAlert error={stats.error} title="The response times did not load" />
      ) : stats.data.overall.count === 0 ? (
        <Text size="sm" c="dimmed">
          No message was answered in this period. Reply to one from the list and its first-response
          time shows here, in business time.
        </Text>
      ) : (
        <>
          <Text size="sm">
            {stats.data.overall.count} {stats.data.overall.count === 1 ? 'message' : 'messages'}{' '}
            first answered: median <strong>{duration(stats.data.overall.medianMs)}</strong>, p90{' '}
            <strong>{duration(stats.data.overall.p90Ms)}</strong> of business time.
          </Text>
          <TimesTable
            caption="By person"
            rows={stats.data.byMember.map((m) => ({
              ...m,
              key: m.userId ?? 'none',
              name: m.userId ? memberName(m.userId) : 'No one recorded',
            }))}
          />
          <TimesTable
            caption="By account"
            rows={stats.data.byAccount.map((a) => ({
              ...a,
              key: a.accountId ?? 'none',
              name: handle(a.accountId),
            }))}
          />
        </>
      )}
    </Stack>
  )
}

function TimesTable({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <Table captionSide="top" striped>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="right">Answered</Table.Th>
          <Table.Th ta="right">Median</Table.Th>
          <Table.Th ta="right">p90</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row">{row.name}</Table.Th>
            <Table.Td ta="right">{row.count}</Table.Td>
            <Table.Td ta="right">{duration(row.medianMs)}</Table.Td>
            <Table.Td ta="right">{duration(row.p90Ms)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(Math.round(ms / 1000)))
