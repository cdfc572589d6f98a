import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import type { ListenMatch } from './listen-queries.ts'

/** A DID is long and opaque; its tail is enough to tell authors apart in a list. */
function shortDid(did: string): string {
  return did.length > 24 ? `${did.slice(0, 12)}…${did.slice(-6)}` : did
}

function networkHost(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return 'its network'
  }
}

/**
 * The matches, newest first. Their text is the network's, shown as plain text (React
 * escapes it), never as HTML. Each opens on its network in a new tab.
 */
export function MatchList({
  matches,
  selectedId,
  onSelect,
}: {
  matches: ListenMatch[]
  selectedId: string | null
  onSelect: (match: ListenMatch) => void
}) {
  return (
    <Stack gap="xs" role="list" aria-label="Matches">
      {matches.map((match) => (
        <Card
          key={match.id}
          id={`match-${match.id}`}
          role="listitem"
          withBorder
          padding="sm"
          onClick={() => onSelect(match)}
          aria-current={match.id === selectedId ? 'true' : undefined}
          style={{
            outline: match.id === selectedId ? '2px solid var(--mantine-color-sous-7)' : undefined,
          }}
        >
          <Stack gap={6}>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{match.text}</Text>
            <Group justify="space-between" gap="xs">
              <Group gap={6}>
                <Text size="xs" c="dimmed" title={match.did}>
                  {shortDid(match.did)}
                </Text>
                {match.langs.map((lang) => (
                  <Badge key={lang} size="xs" variant="outline" color="gray">
                    {lang}
                  </Badge>
                ))}
              </Group>
              <Group gap="sm">
                <Text size="xs" c="dimmed" title={formatDateTime(match.postedAt)}>
                  {formatRelative(match.postedAt)}
                </Text>
                <Anchor
                  size="sm"
                  href={match.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={(event) => event.stopPropagation()}
                >
                  Open on {networkHost(match.url)}
                </Anchor>
              </Group>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
