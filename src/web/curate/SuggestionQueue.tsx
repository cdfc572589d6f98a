import { Button, EmptyState, Group, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate } from '../components/router.tsx'
import { KeyCombo } from '../components/shortcuts.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath } from '../shell/navigation.ts'
import {
  type Suggestion,
  type Topic,
  useDecideSuggestion,
  useShareSuggestion,
  useSuggestions,
} from './curate-queries.ts'
import { SourcePicker } from './SourcePicker.tsx'
import { SuggestionCard } from './SuggestionCard.tsx'
import { useCurateShortcuts } from './use-curate-shortcuts.ts'

/**
 * The queue (or the saved list), best first, worked by keyboard: move with j/k, then share,
 * save or skip the selected one. Filters narrow it to a topic or a source.
 */
export function SuggestionQueue({
  state,
  sourceCount,
  topics,
  onManageSources,
}: {
  state: 'new' | 'saved'
  sourceCount: number
  topics: Topic[]
  onManageSources: () => void
}) {
  const { workspace, may } = useWorkspace()
  const [topic, setTopic] = useState<string | null>(null)
  const [sourceId, setSourceId] = useState<string | null>(null)
  const list = useSuggestions(workspace.id, {
    state,
    ...(topic ? { topic } : {}),
    ...(sourceId ? { sourceId } : {}),
  })
  const decide = useDecideSuggestion(workspace.id)
  const share = useShareSuggestion(workspace.id)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const mayDecide = may('posts.compose')
  const items = list.data?.items ?? []
  const selected = items.find((s) => s.id === selectedId) ?? items[0] ?? null

  const act = (suggestion: Suggestion | null, decision: 'save' | 'skip') => {
    if (!suggestion || !mayDecide) return
    if (decision === 'save' && suggestion.state === 'saved') return
    setSelectedId(neighbour(items, suggestion))
    decide.mutate(
      { id: suggestion.id, decision },
      {
        onSuccess: () =>
          notifications.show({
            message: decision === 'save' ? 'Saved for later.' : 'Skipped.',
          }),
        onError: () => setSelectedId(suggestion.id),
      },
    )
  }
  const shareOne = (suggestion: Suggestion | null) => {
    if (!suggestion || !mayDecide || share.isPending) return
    setSelectedId(suggestion.id)
    share.mutate(suggestion.id, {
      onSuccess: (start) =>
        navigate(
          `${sectionPath(workspace.id, 'compose')}?suggestion=${encodeURIComponent(start.suggestionId)}`,
        ),
    })
  }

  useCurateShortcuts({
    select: (by) => {
      if (items.length === 0) return
      const index = selected ? items.indexOf(selected) : -1
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (next) {
        setSelectedId(next.id)
        document.getElementById(`suggestion-${next.id}`)?.scrollIntoView({ block: 'nearest' })
      }
    },
    share: () => shareOne(selected),
    save: () => act(selected, 'save'),
    skip: () => act(selected, 'skip'),
    open: () => {
      if (selected) window.open(selected.url, '_blank', 'noopener,noreferrer')
    },
  })

  const filtered = Boolean(topic || sourceId)
  const failedId = decide.isError ? decide.variables?.id : share.isError ? share.variables : null

  return (
    <Stack gap="sm">
      {(topics.length > 0 || sourceCount > 1) && (
        <Group gap="sm" align="flex-end">
          <Select
            label="Topic"
            placeholder="Every topic"
            data={topics.filter((t) => t.weight > 0).map((t) => t.term)}
            value={topic}
            onChange={setTopic}
            clearable
            w={{ base: '100%', xs: 220 }}
          />
          <SourcePicker workspaceId={workspace.id} value={sourceId} onChange={setSourceId} />
        </Group>
      )}
      {list.isPending ? (
        <Loading label="Ranking suggestions…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Suggestions did not load" />
      ) : items.length === 0 ? (
        <EmptyQueue
          state={state}
          filtered={filtered}
          hasSources={sourceCount > 0}
          mayManage={may('sources.manage')}
          onManageSources={onManageSources}
        />
      ) : (
        <>
          <Text size="sm" c="dimmed" component="div">
            <Group gap={6}>
              {mayDecide ? (
                <>
                  Select with <KeyCombo keys="j" /> and <KeyCombo keys="k" />, then{' '}
                  <KeyCombo keys="s" /> share, <KeyCombo keys="v" /> save, <KeyCombo keys="x" />{' '}
                  skip, <KeyCombo keys="o" /> open.
                </>
              ) : (
                'An editor or contributor decides these.'
              )}
            </Group>
          </Text>
          {items.map((suggestion) => (
            <SuggestionCard
              key={suggestion.id}
              suggestion={suggestion}
              selected={suggestion === selected}
              mayDecide={mayDecide}
              error={failedId === suggestion.id ? (decide.error ?? share.error) : null}
              sharing={share.isPending && share.variables === suggestion.id}
              onSelect={() => setSelectedId(suggestion.id)}
              onShare={() => shareOne(suggestion)}
              onSave={() => act(suggestion, 'save')}
              onSkip={() => act(suggestion, 'skip')}
            />
          ))}
        </>
      )}
    </Stack>
  )
}

/** The one to select once this one leaves the list: the next, else the one before. */
function neighbour(items: Suggestion[], suggestion: Suggestion): string | null {
  const index = items.indexOf(suggestion)
  return (items[index + 1] ?? items[index - 1])?.id ?? null
}

function EmptyQueue({
  state,
  filtered,
  hasSources,
  mayManage,
  onManageSources,
}: {
  state: 'new' | 'saved'
  filtered: boolean
  hasSources: boolean
  mayManage: boolean
  onManageSources: () => void
}) {
  const [title, description] = !hasSources
    ? [
        'No feeds yet',
        mayManage
          ? 'Follow a feed or a site by its address, or import an OPML file from your feed reader: what they publish is ranked here by your topics.'
          : 'Nobody follows a feed in this workspace yet; an editor adds them.',
      ]
    : filtered
      ? ['Nothing matches these filters', 'Clear the topic or the source to see the whole queue.']
      : state === 'saved'
        ? ['Nothing saved', 'Press v on a suggestion (or “Save for later”) to keep it here.']
        : [
            'You are through the queue',
            'New items appear as your feeds are read, about every half hour. Add feeds or topics to get more.',
          ]
  return (
    <EmptyState title={title} description={description} py="xl">
      {!hasSources && mayManage && (
        <EmptyState.Actions>
          <Button onClick={onManageSources}>Add a feed or import OPML</Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  )
}
