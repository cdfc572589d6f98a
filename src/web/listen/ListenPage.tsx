import { Button, Group, Modal, Stack, Tabs, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate, useLocation } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { AlertList } from './AlertList.tsx'
import { CrisisWatchPanel } from './CrisisWatchPanel.tsx'
import { describeSource, ListeningStates, listeningStatuses } from './ListeningState.tsx'
import {
  type SavedSearch,
  useAlerts,
  useChangeSearch,
  useCreateSearch,
  useDeleteSearch,
  useSearches,
} from './listen-queries.ts'
import { SearchForm } from './SearchForm.tsx'
import { NoSearches, SearchList } from './SearchList.tsx'
import { SearchPanel } from './SearchPanel.tsx'
import { useSearchListShortcuts } from './use-listen-shortcuts.ts'

const TABS = [
  { id: 'searches', label: 'Saved searches' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'crisis', label: 'Crisis watch' },
] as const
type TabId = (typeof TABS)[number]['id']

type Editing = { search: SavedSearch | null; draft?: { name: string; query: string } }

/**
 * Listening: saved searches over the live networks with their matches and volume, spike
 * alerts, and crisis watch. The tab and the open search live in the address (`?tab=`,
 * `?search=`), so a link to a search's matches can be shared.
 */
export function ListenPage() {
  const { workspace, may } = useWorkspace()
  const { pathname, search: params } = useLocation()
  const tab: TabId = TABS.some((t) => t.id === params.get('tab'))
    ? (params.get('tab') as TabId)
    : 'searches'
  const openId = params.get('search')
  const searches = useSearches(workspace.id)
  const alerts = useAlerts(workspace.id)
  const create = useCreateSearch(workspace.id)
  const change = useChangeSearch(workspace.id)
  const remove = useDeleteSearch(workspace.id)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [deleting, setDeleting] = useState<SavedSearch | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const mayManage = may('listen.manage')
  const items = searches.data?.items ?? []
  const open = items.find((s) => s.id === openId) ?? null
  const selected = items.find((s) => s.id === selectedId) ?? items[0] ?? null
  const statuses = searches.data ? listeningStatuses(searches.data) : []
  const sources = statuses.map((s) => describeSource(s.source)).join(', ') || 'the networks'

  const go = (next: { tab?: TabId; search?: string | null }) => {
    const query = new URLSearchParams()
    const nextTab = next.tab ?? tab
    if (nextTab !== 'searches') query.set('tab', nextTab)
    const nextSearch = next.search === undefined ? openId : next.search
    if (nextSearch && nextTab === 'searches') query.set('search', nextSearch)
    navigate(query.size ? `${pathname}?${query}` : pathname)
  }
  const write = (draft?: { name: string; query: string }) => {
    if (!mayManage) return
    create.reset()
    change.reset()
    setEditing({ search: null, draft })
  }
  const saved = (result: { search: { name: string; id: string }; warning: string | null }) => {
    setEditing(null)
    notifications.show({ title: result.search.name, message: result.warning ?? 'Saved.' })
    go({ tab: 'searches', search: result.search.id })
  }

  useSearchListShortcuts(
    {
      newSearch: () => write(),
      select: (by) => {
        if (open || tab !== 'searches' || items.length === 0) return
        const index = selected ? items.indexOf(selected) : -1
        const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
        if (next) {
          setSelectedId(next.id)
          document.getElementById(`search-${next.id}`)?.scrollIntoView({ block: 'nearest' })
        }
      },
      open: () => !open && tab === 'searches' && selected && go({ search: selected.id }),
      previousTab: () => go({ tab: TABS[(TABS.findIndex((t) => t.id === tab) + 2) % 3]?.id }),
      nextTab: () => go({ tab: TABS[(TABS.findIndex((t) => t.id === tab) + 1) % 3]?.id }),
    },
    open !== null,
  )

  const mutation = editing?.search ? change : create
  return (
    <>
      <PageHeader
        title="Listen"
        description="Saved searches over the live networks: matches as they are posted, their volume, alerts when they spike, and crisis watch that pulls the brake."
        actions={
          mayManage && (
            <Button onClick={() => write()} aria-keyshortcuts="n">
              New search
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => value && go({ tab: value as TabId, search: null })}
        keepMounted={false}
      >
        <Tabs.List mb="lg" style={{ flexWrap: 'wrap' }}>
          {TABS.map((t) => (
            <Tabs.Tab key={t.id} value={t.id}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="searches">
          {searches.isPending ? (
            <Loading label="Loading saved searches…" />
          ) : searches.isError ? (
            <ProblemAlert error={searches.error} title="Saved searches did not load" />
          ) : open ? (
            <SearchPanel
              ws={workspace.id}
              search={open}
              listening={statuses}
              mayManage={mayManage}
              mayTriage={may('inbox.triage')}
              onEdit={() => {
                change.reset()
                setEditing({ search: open })
              }}
              onDelete={() => setDeleting(open)}
              onBack={() => go({ search: null })}
            />
          ) : (
            <Stack gap="md">
              <ListeningStates statuses={statuses} />
              {items.length === 0 ? (
                <NoSearches mayManage={mayManage} onWrite={write} />
              ) : (
                <>
                  <Text size="sm" c="dimmed">
                    Select a search with j and k, open its matches with o
                    {mayManage ? '; n writes a new one' : ''}. ? lists every key.
                  </Text>
                  <SearchList
                    searches={items}
                    selectedId={selected?.id ?? null}
                    onSelect={(s) => setSelectedId(s.id)}
                    onOpen={(s) => go({ search: s.id })}
                  />
                </>
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="alerts">
          {alerts.isPending ? (
            <Loading label="Loading alerts…" />
          ) : !alerts.data ? (
            <ProblemAlert error={alerts.error} title="Alerts did not load" />
          ) : (
            <Stack gap="sm">
              <AlertList
                alerts={alerts.data.pages.flatMap((page) => page.items)}
                empty="No alert yet. Turn on spike alerts for a saved search (Edit search → Alert when it spikes), or crisis watch: their alerts are listed here."
              />
              {alerts.hasNextPage && (
                <Button
                  variant="default"
                  fullWidth
                  loading={alerts.isFetchingNextPage}
                  onClick={() => alerts.fetchNextPage()}
                >
                  Load older alerts
                </Button>
              )}
              {alerts.isFetchNextPageError && (
                <ProblemAlert error={alerts.error} title="Older alerts did not load" />
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="crisis">
          <CrisisWatchPanel />
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.search ? `Edit “${editing.search.name}”` : 'New saved search'}
        size="lg"
      >
        {editing && (
          <SearchForm
            search={editing.search}
            draft={editing.draft}
            sources={sources}
            pending={mutation.isPending}
            error={mutation.error}
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              editing.search
                ? change.mutate({ id: editing.search.id, ...body }, { onSuccess: saved })
                : create.mutate(body, { onSuccess: saved })
            }
          />
        )}
      </Modal>

      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this search?"
      >
        <Stack gap="md">
          <Text size="sm">
            “{deleting?.name}” stops listening, and its matches and volume are deleted. Its alerts
            stay in the history.
          </Text>
          <ProblemAlert error={remove.error} title="Not deleted" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    setDeleting(null)
                    go({ search: null })
                  },
                })
              }
            >
              Delete the search
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
