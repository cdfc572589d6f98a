import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type AuditEntry, useAudit } from './settings-queries.ts'

const who = (e: AuditEntry) => e.actorEmail ?? e.actorLabel ?? 'Sous'

/**
 * The workspace's log, newest first. The filters work on the pages loaded so far
 * (client-side); "Load older" brings the next 50.
 */
export function AuditPanel() {
  const { workspace } = useWorkspace()
  const audit = useAudit(workspace.id)
  const [action, setAction] = useState<string | null>(null)
  const [person, setPerson] = useState<string | null>(null)
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data])
  const actions = [...new Set(entries.map((e) => e.action))].sort()
  const people = [...new Set(entries.map(who))].sort()
  const shown = entries.filter(
    (e) => (!action || e.action === action) && (!person || who(e) === person),
  )

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Audit log
      </Title>
      <Group gap="sm" align="flex-end">
        <Select
          label="Action"
          placeholder="Every action"
          data={actions}
          value={action}
          onChange={setAction}
          clearable
          searchable
          style={{ flex: '1 1 12rem' }}
        />
        <Select
          label="Person"
          placeholder="Everyone"
          data={people}
          value={person}
          onChange={setPerson}
          clearable
          searchable
          style={{ flex: '1 1 12rem' }}
        />
      </Group>
      {audit.isPending && <Loading label="Loading the log…" />}
      <ProblemAlert error={audit.error} />
      {audit.isSuccess && shown.length === 0 && (
        <Text size="sm">
          {entries.length === 0
            ? 'Nothing has happened yet: invitations, role changes, tokens and accounts appear here.'
            : 'Nothing loaded matches. Clear a filter or load older entries.'}
        </Text>
      )}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    <Text size="sm">{formatDateTime(e.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {e.action}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      by {who(e)}
                      {e.targetType && ` · ${e.targetType}`}
                      {e.ip && ` · from ${e.ip}`}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {audit.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          loading={audit.isFetchingNextPage}
          onClick={() => audit.fetchNextPage()}
        >
          Load older entries
        </Button>
      )}
    </Stack>
  )
}
