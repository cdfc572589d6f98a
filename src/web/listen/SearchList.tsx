import { Badge, Button, Card, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { formatRelative } from '../components/format-date.ts'
import type { SavedSearch } from './listen-queries.ts'

/** First searches worth copying: each shows one part of the language. */
export const EXAMPLE_SEARCHES: Array<{ name: string; query: string; why: string }> = [
  {
    name: 'Our name',
    query: '"sous bakery" OR @sousbakery.bsky.social OR #sousbakery',
    why: 'Everyone who mentions you, tags you or names you',
  },
  {
    name: 'Unhappy customers',
    query: '(sous OR "sous bakery") NEAR/4 (late OR refund* OR cold) -hiring',
    why: 'Complaints worth answering first, without job posts',
  },
  {
    name: 'Sourdough talk in German',
    query: '(sauerteig OR #sourdough) lang:de',
    why: 'Conversations to join, in one language',
  },
]

/** The saved searches, busiest first as the person saved them, each with its volume. */
export function SearchList({
  searches,
  selectedId,
  onOpen,
  onSelect,
}: {
  searches: SavedSearch[]
  selectedId: string | null
  onOpen: (search: SavedSearch) => void
  onSelect: (search: SavedSearch) => void
}) {
  return (
    <Stack gap="sm" role="list" aria-label="Saved searches">
      {searches.map((search) => (
        <Card
          key={search.id}
          id={`search-${search.id}`}
          role="listitem"
          withBorder
          padding="sm"
          onClick={() => onSelect(search)}
          aria-current={search.id === selectedId ? 'true' : undefined}
          style={{
            outline: search.id === selectedId ? '2px solid var(--mantine-color-sous-7)' : undefined,
          }}
        >
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Stack gap={4} style={{ flex: '1 1 14rem', minWidth: 0 }}>
              <Group gap="xs">
                <Text fw={600}>{search.name}</Text>
                {search.alert && (
                  <Badge variant="light" color="grape">
                    Alerts: {search.alert.sensitivity}
                  </Badge>
                )}
                {search.broad && (
                  <Badge variant="light" color="yellow">
                    Broad
                  </Badge>
                )}
                {!search.inbox && (
                  <Badge variant="light" color="gray">
                    Not in inbox
                  </Badge>
                )}
              </Group>
              <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {search.query}
              </Code>
              {search.lastAlertAt && (
                <Text size="xs" c="dimmed">
                  Last alert {formatRelative(search.lastAlertAt)}
                </Text>
              )}
            </Stack>
            <Stack gap={2} align="flex-end">
              <Text
                fw={700}
                size="lg"
                aria-label={`${search.volume.thisMinute} matches this minute`}
              >
                {search.volume.thisMinute}
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  / min
                </Text>
              </Text>
              <Text size="xs" c="dimmed">
                {search.volume.lastHour.toLocaleString()} in the last hour
              </Text>
              <Button
                size="xs"
                variant="light"
                onClick={(event) => {
                  event.stopPropagation()
                  onOpen(search)
                }}
                aria-label={`Matches of ${search.name}`}
              >
                Matches
              </Button>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  )
}

/** No search yet: what a search is for, and three to start from. */
export function NoSearches({
  mayManage,
  onWrite,
}: {
  mayManage: boolean
  onWrite: (example?: { name: string; query: string }) => void
}) {
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb={4}>
        Write a first search
      </Title>
      <Text c="dimmed" mb="md">
        A saved search listens to the networks for the words, hashtags and names you care about:
        matches arrive here within seconds, counted per minute, and can alert you when they spike.
        Sous never replies or likes on its own; joining a conversation is yours to do.
      </Text>
      {mayManage ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
            {EXAMPLE_SEARCHES.map((example) => (
              <Card key={example.name} withBorder padding="sm">
                <Text fw={600} size="sm">
                  {example.name}
                </Text>
                <Text size="xs" c="dimmed" mb={6}>
                  {example.why}
                </Text>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} mb="xs">
                  {example.query}
                </Code>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => onWrite(example)}
                  aria-label={`Start from this: ${example.name}`}
                >
                  Start from this
                </Button>
              </Card>
            ))}
          </SimpleGrid>
          <Button onClick={() => onWrite()}>Write a search</Button>
        </>
      ) : (
        <Text size="sm">An editor of this workspace writes its searches.</Text>
      )}
    </Card>
  )
}
