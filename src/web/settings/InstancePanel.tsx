import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { formatDateTime } from '../components/format-date.ts'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import {
  useAddInstanceAdmin,
  useInstanceAdmins,
  useInstanceAudit,
  useRemoveInstanceAdmin,
} from './settings-queries.ts'

/** For instance administrators: who else administers this Sous, and the instance's own log. */
export function InstancePanel() {
  const { me } = useWorkspace()
  const admins = useInstanceAdmins(me.instanceAdmin)
  const log = useInstanceAudit(me.instanceAdmin)
  const add = useAddInstanceAdmin()
  const remove = useRemoveInstanceAdmin()
  const [email, setEmail] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    add.mutate(email.trim(), { onSuccess: () => setEmail('') })
  }

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Instance administrators
        </Title>
        <Text size="sm" c="dimmed">
          They pull the instance-wide brake and read the instance’s log. The last one cannot step
          down.
        </Text>
        <ProblemAlert error={admins.error} />
        <ProblemAlert error={remove.error} title="They were not stepped down" />
        {admins.data?.items.map((admin) => (
          <Group key={admin.id} justify="space-between" gap="xs">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {admin.name || admin.email} · {admin.email}
            </Text>
            <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(admin.id)}>
              Step down {admin.email}
            </Button>
          </Group>
        ))}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Email of a person on this instance"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(add.error, 'email')}
              required
              style={{ flex: '1 1 16rem' }}
            />
            <Button type="submit" loading={add.isPending}>
              Make administrator
            </Button>
          </Group>
        </form>
        <ProblemAlert error={add.error} fields={['email']} />
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Instance log
        </Title>
        <ProblemAlert error={log.error} />
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data?.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    {formatDateTime(e.createdAt)}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {e.action} · {e.actorEmail ?? e.actorLabel ?? 'Sous'}
                    {e.ip && ` · ${e.ip}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Stack>
  )
}
