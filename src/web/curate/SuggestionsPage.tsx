import { Tabs } from '@mantine/core'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useSourceCounts, useTopics } from './curate-queries.ts'
import { SourcesPanel } from './SourcesPanel.tsx'
import { SuggestionQueue } from './SuggestionQueue.tsx'
import { TopicsPanel } from './TopicsPanel.tsx'

type Tab = 'queue' | 'saved' | 'sources' | 'topics'

/**
 * What the followed feeds offer, ranked by the workspace's topics, for a person to share,
 * save or skip — nothing is ever posted from a feed by itself. The feeds and the topics are
 * managed here too.
 */
export function SuggestionsPage() {
  const { workspace } = useWorkspace()
  const counts = useSourceCounts(workspace.id)
  const topics = useTopics(workspace.id)
  const [tab, setTab] = useState<Tab>('queue')
  const troubled = (counts.data?.erroring ?? 0) + (counts.data?.failing ?? 0)

  return (
    <>
      <PageHeader
        title="Suggestions"
        description="Fresh links from the feeds you follow, ranked by your topics. You decide what to share; nothing is posted unless you write the post."
      />
      <Tabs value={tab} onChange={(value) => value && setTab(value as Tab)} keepMounted={false}>
        <Tabs.List mb="lg" style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="queue">Queue</Tabs.Tab>
          <Tabs.Tab value="saved">Saved</Tabs.Tab>
          <Tabs.Tab value="sources">
            Sources{troubled > 0 ? ` (${troubled.toLocaleString()} failing)` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="topics">Topics</Tabs.Tab>
        </Tabs.List>
        {counts.isPending || topics.isPending ? (
          <Loading label="Loading the feeds…" />
        ) : (
          <>
            {(['queue', 'saved'] as const).map((state) => (
              <Tabs.Panel key={state} value={state}>
                <SuggestionQueue
                  state={state === 'queue' ? 'new' : 'saved'}
                  sourceCount={counts.data?.all ?? 0}
                  topics={topics.data?.topics ?? []}
                  onManageSources={() => setTab('sources')}
                />
              </Tabs.Panel>
            ))}
            <Tabs.Panel value="sources">
              <ProblemAlert error={counts.error} title="The sources did not load" />
              <SourcesPanel />
            </Tabs.Panel>
            <Tabs.Panel value="topics">
              <TopicsPanel topics={topics.data?.topics ?? []} />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </>
  )
}
