import { Anchor, Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import type { Suggestion } from './curate-queries.ts'

/** One suggestion: the story, where it comes from, why it ranks here, and the decisions. */
export function SuggestionCard({
  suggestion,
  selected,
  mayDecide,
  error,
  sharing,
  onSelect,
  onShare,
  onSave,
  onSkip,
}: {
  suggestion: Suggestion
  selected: boolean
  mayDecide: boolean
  error: unknown
  sharing: boolean
  onSelect: () => void
  onShare: () => void
  onSave: () => void
  onSkip: () => void
}) {
  const s = suggestion
  const from = s.source?.title ?? s.sources[0]?.title ?? 'a removed source'
  return (
    <Card
      id={`suggestion-${s.id}`}
      withBorder
      role="article"
      aria-label={s.title}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      style={{ outline: selected ? '2px solid var(--mantine-color-sous-7)' : undefined }}
    >
      <Stack gap="xs">
        <Anchor
          href={s.url}
          target="_blank"
          rel="noopener noreferrer"
          fw={600}
          size="lg"
          style={{ overflowWrap: 'anywhere' }}
        >
          {s.title || s.url}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed" title={formatDateTime(s.publishedAt)}>
            {from}
            {s.alsoIn > 0 && ` · also in ${s.alsoIn} ${s.alsoIn === 1 ? 'source' : 'sources'}`}
            {` · ${s.dated ? 'published' : 'first seen'} ${formatRelative(s.publishedAt)}`}
          </Text>
          {s.state === 'saved' && (
            <Badge variant="light" color="grape">
              Saved
            </Badge>
          )}
          {s.matchedTopics.map((t) => (
            <Badge key={t.term} variant="light" color={t.weight < 0 ? 'red' : 'teal'}>
              {t.term}
            </Badge>
          ))}
        </Group>
        {s.summary && (
          <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {s.summary}
          </Text>
        )}
        <div>
          <Text size="xs" fw={600} c="dimmed">
            Why it ranks here
          </Text>
          <List size="xs" c="dimmed" spacing={0}>
            {s.reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </div>
        <ProblemAlert error={error} title="Not decided" />
        <Group gap="xs">
          {mayDecide && (
            <>
              <Button size="xs" onClick={onShare} loading={sharing}>
                Share…
              </Button>
              {s.state !== 'saved' && (
                <Button size="xs" variant="default" onClick={onSave}>
                  Save for later
                </Button>
              )}
              <Button size="xs" variant="subtle" onClick={onSkip}>
                Skip
              </Button>
            </>
          )}
          <Button
            size="xs"
            variant="subtle"
            component="a"
            href={s.url}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open the original
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
