import { Badge, Group, List, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../components/format-date.ts'
import { networkName } from '../compose/compose-state.ts'
import { KIND_LABELS, label } from './inbox-labels.ts'
import type { InboxDetail } from './inbox-queries.ts'

const number = new Intl.NumberFormat()

/** Who said it: every identity merged into this person, and what they said before. */
export function PersonPanel({ person }: { person: NonNullable<InboxDetail['person']> }) {
  const earlier = person.history.slice(0, 8)
  return (
    <Stack gap={6} role="region" aria-label="Who said it">
      <Text fw={600} size="sm">
        Who said it
      </Text>
      {person.identities
        .flatMap((identity) => (identity ? [identity] : []))
        .map((identity) => (
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
            Earlier messages from them ({person.history.length})
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
