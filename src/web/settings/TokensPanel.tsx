import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useCreateToken, useRevokeToken, useTokens } from './settings-queries.ts'

/** Personal API tokens for this workspace; the secret is shown once, right after creating it. */
export function TokensPanel() {
  const { workspace } = useWorkspace()
  const tokens = useTokens()
  const create = useCreateToken()
  const revoke = useRevokeToken()
  const [name, setName] = useState('')
  const mine = (tokens.data?.items ?? []).filter(
    (t) => t.workspaceId === workspace.id && !t.revokedAt,
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { name: name.trim(), workspaceId: workspace.id },
      { onSuccess: () => setName('') },
    )
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Your API tokens
      </Title>
      <Text size="sm" c="dimmed">
        A token acts as you, with your role, in {workspace.name} only. Send it as{' '}
        <Code>Authorization: Bearer …</Code>.
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Token name"
            description="What it is for, e.g. “Publishing script”"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
            required
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
      <ProblemAlert error={create.error} fields={['name']} />
      {create.data && (
        <Alert
          color="green"
          variant="light"
          title="Copy it now: it is shown only once"
          role="status"
        >
          <Stack gap="xs">
            <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {create.data.token}
            </Code>
            <CopyButton value={create.data.token}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy} w="fit-content">
                  {copied ? 'Copied' : 'Copy the token'}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Alert>
      )}
      <ProblemAlert error={tokens.error} />
      <ProblemAlert error={revoke.error} title="The token was not revoked" />
      {tokens.isSuccess && mine.length === 0 ? (
        <Text size="sm">No tokens yet: create one above for a script or another tool.</Text>
      ) : (
        <Table.ScrollContainer minWidth={0}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {token.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {token.prefix}… · made {formatDateTime(token.createdAt, { show: 'date' })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'never'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => revoke.mutate(token.id)}
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke {token.name}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
