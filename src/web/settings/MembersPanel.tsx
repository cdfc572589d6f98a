import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, type RefObject, useState } from 'react'
import { ROLES, type Role } from '../../core/access/roles.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import {
  useChangeRole,
  useInvitations,
  useInvite,
  useMembers,
  useRemoveMember,
  useUnlockLogin,
} from './member-queries.ts'

const ROLE_HELP: Record<Role, string> = {
  owner: 'Owner — everything, ownership included',
  admin: 'Admin — accounts, members, settings',
  editor: 'Editor — publishes',
  contributor: 'Contributor — drafts for approval',
  analyst: 'Analyst — reads',
}
const roleOptions = (mayGrantOwner: boolean) =>
  ROLES.filter((r) => mayGrantOwner || r !== 'owner').map((r) => ({
    value: r,
    label: ROLE_HELP[r],
  }))

export function MembersPanel({ inviteField }: { inviteField: RefObject<HTMLInputElement | null> }) {
  const { workspace, me, role, may } = useWorkspace()
  const mayManage = may('members.manage')
  const members = useMembers(workspace.id)
  const changeRole = useChangeRole(workspace.id)
  const remove = useRemoveMember(workspace.id)
  const unlock = useUnlockLogin(workspace.id)

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Members
        </Title>
        {members.isPending && <Loading label="Loading the members…" />}
        <ProblemAlert error={members.error} />
        <ProblemAlert error={changeRole.error} title="The role was not changed" />
        <ProblemAlert error={remove.error} title="They were not removed" />
        <ProblemAlert error={unlock.error} />
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Role</Table.Th>
                {mayManage && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.items.map((member) => {
                const self = member.userId === me.user.id
                return (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {member.name || member.email}
                        {self && ' (you)'}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {member.email} · since {formatDateTime(member.since, { show: 'date' })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {mayManage && !self && (role === 'owner' || member.role !== 'owner') ? (
                        <Select
                          aria-label={`Role of ${member.email}`}
                          data={roleOptions(role === 'owner')}
                          value={member.role}
                          allowDeselect={false}
                          onChange={(value) =>
                            value &&
                            changeRole.mutate({ userId: member.userId, role: value as Role })
                          }
                          size="xs"
                          w={{ base: 150, sm: 260 }}
                        />
                      ) : (
                        <Text size="sm">{member.role}</Text>
                      )}
                    </Table.Td>
                    {mayManage && (
                      <Table.Td>
                        {!self && (
                          <Group gap={4}>
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() =>
                                unlock.mutate(member.userId, {
                                  onSuccess: () =>
                                    notifications.show({
                                      title: 'Login unlocked',
                                      message: `${member.email} may try their password again.`,
                                    }),
                                })
                              }
                            >
                              Unlock login
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => remove.mutate(member.userId)}
                            >
                              Remove
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {mayManage && <InviteForm inviteField={inviteField} />}
    </Stack>
  )
}

function InviteForm({ inviteField }: { inviteField: RefObject<HTMLInputElement | null> }) {
  const { workspace, role } = useWorkspace()
  const invite = useInvite(workspace.id)
  const invitations = useInvitations(workspace.id)
  const [email, setEmail] = useState('')
  const [newRole, setNewRole] = useState<Role>('editor')
  const pending = (invitations.data?.items ?? []).filter(
    (i) => !i.acceptedAt && new Date(i.expiresAt) > new Date(),
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    invite.mutate({ email: email.trim(), role: newRole }, { onSuccess: () => setEmail('') })
  }

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Invite someone
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            ref={inviteField}
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(invite.error, 'email')}
            required
            style={{ flex: '1 1 14rem' }}
          />
          <Select
            label="Role"
            data={roleOptions(role === 'owner')}
            value={newRole}
            allowDeselect={false}
            onChange={(value) => value && setNewRole(value as Role)}
            style={{ flex: '1 1 14rem' }}
          />
          <Button type="submit" loading={invite.isPending}>
            Create invitation link
          </Button>
        </Group>
      </form>
      <ProblemAlert error={invite.error} fields={['email']} />
      {invite.data && (
        <Alert color="green" variant="light" title="Send this link" role="status">
          <Stack gap="xs">
            <Text size="sm">
              It works once, for 7 days. Sous sends no email: send it to them yourself.
            </Text>
            <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {invite.data.url}
            </Code>
            <CopyButton value={invite.data.url}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy} w="fit-content">
                  {copied ? 'Copied' : 'Copy the link'}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Alert>
      )}
      {pending.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            Waiting to be accepted
          </Text>
          {pending.map((i) => (
            <Text key={i.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {i.email} as {i.role} · until {formatDateTime(i.expiresAt, { show: 'date' })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  )
}
