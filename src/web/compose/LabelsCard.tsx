import { Button, Card, Group, Select, Stack, Switch, TagsInput, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { APPROACHES, MAX_POST_TOPICS } from '../../core/measure/labels.ts'
import { Link } from '../components/router.tsx'
import { approachWords } from '../measure/approach-words.ts'
import { useCampaigns } from '../measure/measure-queries.ts'
import { useLabelSuggestions } from './compose-queries.ts'
import type { Labels } from './compose-state.ts'

/**
 * What the post is measured by: its campaign, topics and approach (suggested from the text
 * with the words that decided, never required) and whether its links count clicks.
 */
export function LabelsCard({
  workspaceId,
  text,
  labels,
  onChange,
}: {
  workspaceId: string
  text: string
  labels: Labels
  onChange: (labels: Labels) => void
}) {
  const campaigns = useCampaigns(workspaceId).data?.items ?? []
  const [settled] = useDebouncedValue(text, 600)
  const suggested = useLabelSuggestions(workspaceId, settled).data
  const set = (patch: Partial<Labels>) => onChange({ ...labels, ...patch })
  const newTopics = (suggested?.topics ?? []).filter((t) => !labels.topics.includes(t.topic))
  const approach =
    suggested?.approach && suggested.approach.approach !== labels.approach
      ? suggested.approach
      : null
  const full = labels.topics.length >= MAX_POST_TOPICS

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="compose-labels">
      <Stack gap="sm">
        <div>
          <Title id="compose-labels" order={2} size="h4">
            Campaign and labels
          </Title>
          <Text size="sm" c="dimmed">
            Optional. Measure compares posts by them.
          </Text>
        </div>
        {campaigns.length > 0 ? (
          <Select
            label="Campaign"
            data={[
              { value: '', label: 'No campaign' },
              ...campaigns.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={labels.campaignId ?? ''}
            onChange={(value) => set({ campaignId: value || null })}
            allowDeselect={false}
          />
        ) : (
          <Text size="sm">
            No campaigns yet:{' '}
            <Link underline="always" to={`/w/${workspaceId}/measure?tab=campaigns`}>
              create one in Measure
            </Link>{' '}
            to group posts toward a goal.
          </Text>
        )}
        <TagsInput
          label="Topics"
          description="Press Enter after each"
          value={labels.topics}
          onChange={(topics) => set({ topics })}
          maxTags={MAX_POST_TOPICS}
          splitChars={[',']}
          clearable
        />
        <Select
          label="Approach"
          placeholder="None"
          data={APPROACHES.map((a) => ({ value: a, label: approachWords(a) }))}
          value={labels.approach}
          onChange={(value) => set({ approach: (value as Labels['approach']) ?? null })}
          clearable
        />
        {(newTopics.length > 0 || approach) && (
          <Stack gap={6} role="group" aria-label="Suggested from the text">
            <Text size="sm" fw={500}>
              Suggested from the text
            </Text>
            <Group gap={6}>
              {newTopics.map((t) => (
                <Button
                  key={t.topic}
                  size="compact-sm"
                  variant="light"
                  disabled={full}
                  title={t.reason}
                  aria-label={`Add topic ${t.topic} (${t.reason})`}
                  onClick={() => set({ topics: [...labels.topics, t.topic] })}
                >
                  + {t.topic}
                </Button>
              ))}
              {approach && (
                <Button
                  size="compact-sm"
                  variant="light"
                  title={approach.reason}
                  aria-label={`Use approach ${approachWords(approach.approach)} (${approach.reason})`}
                  onClick={() => set({ approach: approach.approach as Labels['approach'] })}
                >
                  Approach: {approachWords(approach.approach)}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {[
                ...newTopics.map((t) => `${t.topic}: ${t.reason}`),
                ...(approach ? [`${approachWords(approach.approach)}: ${approach.reason}`] : []),
              ].join(' · ')}
            </Text>
          </Stack>
        )}
        <Switch
          label="Count link clicks"
          description="Each link goes out as a short link per network (bots filtered, no visitor stored); the card still shows the original."
          checked={labels.clickTracking}
          onChange={(event) => set({ clickTracking: event.currentTarget.checked })}
        />
      </Stack>
    </Card>
  )
}
