import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../components/format-date.ts'
import type { InboxDetail } from './inbox-queries.ts'

type Entry =
  | { kind: 'message'; id: string; at: string; text: string; url: string | null }
  | { kind: 'reply'; id: string; at: string; text: string; by: string }

/**
 * The conversation as it happened: our post first (what they answer), then their messages and
 * our replies in time order, the selected message marked. Every text is shown as text.
 */
export function ConversationThread({
  detail,
  memberName,
}: {
  detail: InboxDetail
  memberName: (userId: string) => string
}) {
  const { conversation, item } = detail
  const entries: Entry[] = [
    ...conversation.messages.map((m) => ({
      kind: 'message' as const,
      id: m.id,
      at: m.createdAt,
      text: m.text,
      url: m.url,
    })),
    ...conversation.replies.map((r) => ({
      kind: 'reply' as const,
      id: r.id,
      at: r.createdAt,
      text: r.text,
      by: r.userId ? memberName(r.userId) : 'a former member',
    })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  if (!entries.some((e) => e.id === item.id))
    entries.push({
      kind: 'message',
      id: item.id,
      at: item.createdAt,
      text: item.text,
      url: item.url,
    })

  return (
    <Stack gap="xs" role="region" aria-label="Conversation">
      <Text fw={600} size="sm">
        Conversation
      </Text>
      {conversation.ourPost && (
        <Card withBorder padding="xs" bg="var(--mantine-color-gray-0)">
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              Our post
            </Text>
            {conversation.ourPost.url && (
              <Anchor size="xs" href={conversation.ourPost.url} target="_blank" rel="noreferrer">
                Open on the network
              </Anchor>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {conversation.ourPost.text}
          </Text>
        </Card>
      )}
      {entries.map((entry) => (
        <Card
          key={entry.id}
          withBorder
          padding="xs"
          ml={entry.kind === 'reply' ? 'lg' : 0}
          style={
            entry.id === item.id
              ? { borderColor: 'var(--mantine-color-sous-7)', borderWidth: 2 }
              : undefined
          }
        >
          <Group justify="space-between" gap="xs">
            <Group gap={4}>
              {entry.kind === 'reply' ? (
                <Badge size="xs" variant="light" color="teal">
                  Our reply · {entry.by}
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  {entry.id === item.id ? 'This message' : 'A message in the thread'}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {entry.text}
          </Text>
          {entry.kind === 'message' && entry.url && (
            <Anchor size="xs" href={entry.url} target="_blank" rel="noreferrer">
              Open on the network
            </Anchor>
          )}
        </Card>
      ))}
    </Stack>
  )
}
