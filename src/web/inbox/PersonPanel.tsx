import { Badge, Button, Group, List, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { formatDateTime } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { networkName } from '../compose/compose-state.ts'
import { KIND_LABELS, label } from './inbox-labels.ts'
import type { InboxDetail } from './inbox-queries.ts'
import { MergePersonDialog } from './MergePersonDialog.tsx'
import { usePersonChange } from './people-queries.ts'

const number = new Intl.NumberFormat()

/** Who said it: every identity merged into this person, and what they said before. */
export function PersonPanel({
  workspaceId,
  itemId,
  person,
  mayTriage,
}: {
  workspaceId: string
  /** The message on screen: not one of their earlier ones. */
  itemId: string
  person: NonNullable<InboxDetail['person']>
  mayTriage: boolean
}) {
  const before = person.history.filter((message) => message.id !== itemId)
  const earlier = before.slice(0, 8)
  const [merging, setMerging] = useState(false)
  const separate = usePersonChange(workspaceId, 'unmerge')
  const identities = person.identities.flatMap((identity) => (identity ? [identity] : []))
  return (
    <Stack gap={6} role="region" aria-label="Who said it">
      <Group justify="space-between" gap="xs">
        <Text fw={600} size="sm">
          Who said it
        </Text>
        {mayTriage && (
          <Button size="compact-xs" variant="subtle" onClick={() => setMerging(true)}>
            Same person as…
          </Button>
        )}
      </Group>
      <MergePersonDialog
        workspaceId={workspaceId}
        personId={person.personId}
        opened={merging}
        onClose={() => setMerging(false)}
      />
      <ProblemAlert error={separate.error} title="Not separated" />
      {identities.map((identity) => (
        <Stack key={identity.id} gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {identity.displayName || `@${identity.handle}`}
            </Text>
            <Text size="sm" c="dimmed">
              @{identity.handle}
            </Text>
            <Badge size="xs" variant="default">
              {networkName(identity.network)}
            </Badge>
            {identity.followersCount !== null && (
              <Text size="xs" c="dimmed">
                {number.format(identity.followersCount)} followers
              </Text>
            )}
            {mayTriage && identities.length > 1 && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                aria-label={`Separate @${identity.handle} from this person`}
                loading={separate.isPending && separate.variables?.identityId === identity.id}
                onClick={() =>
                  separate.mutate({ personId: person.personId, identityId: identity.id })
                }
              >
                Separate
              </Button>
            )}
          </Group>
          {identity.bio && (
            <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {identity.bio}
            </Text>
          )}
        </Stack>
      ))}
      {earlier.length > 0 ? (
        <>
          <Text size="xs" c="dimmed">
            Earlier messages from them ({before.length})
          </Text>
          <List size="xs" spacing={2}>
            {earlier.map((message) => (
              <List.Item key={message.id}>
                <Text span size="xs" c="dimmed">
                  {formatDateTime(message.createdAt)} · {label(KIND_LABELS, message.kind)}:{' '}
                </Text>
                <Text span size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {message.text.slice(0, 140)}
                  {message.text.length > 140 ? '…' : ''}
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="xs" c="dimmed">
          The first time they write to you.
        </Text>
      )}
    </Stack>
  )
}
