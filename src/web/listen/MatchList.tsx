import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
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
  inInbox,
  sending,
  failed,
  onToInbox,
}: {
  matches: ListenMatch[]
  selectedId: string | null
  onSelect: (match: ListenMatch) => void
  /** Matches this person sent (or found) in the inbox. */
  inInbox: ReadonlySet<string>
  sending: string | null
  failed: { id: string; error: unknown } | null
  onToInbox: ((match: ListenMatch) => void) | null
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
                {onToInbox &&
                  (inInbox.has(match.id) ? (
                    <Text size="xs" c="dimmed">
                      In the inbox
                    </Text>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="default"
                      loading={sending === match.id}
                      onClick={(event) => {
                        event.stopPropagation()
                        onToInbox(match)
                      }}
                    >
                      Send to inbox
                    </Button>
                  ))}
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
            {failed?.id === match.id && (
              <ProblemAlert error={failed.error} title="Not sent to the inbox" />
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
