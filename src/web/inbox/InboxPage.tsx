import { Alert, Badge, Button, Grid, Group, Stack, Text } from '@mantine/core'
import { useRef, useState } from 'react'
import { useAccounts } from '../accounts/account-queries.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useMembers } from '../settings/member-queries.ts'
import { CountsBar } from './CountsBar.tsx'
import { InboxEmpty } from './InboxEmpty.tsx'
import { InboxFilters, type ListFilters } from './InboxFilters.tsx'
import { InboxList } from './InboxList.tsx'
import { InboxSettingsDrawer } from './InboxSettingsDrawer.tsx'
import { ItemDetail } from './ItemDetail.tsx'
import { whoSaidIt } from './inbox-labels.ts'
import {
  type InboxItem,
  type ItemChanges,
  useInbox,
  useInboxCounts,
  useInboxSettings,
  useSnippets,
} from './inbox-queries.ts'
import { TriageDialogs } from './TriageDialogs.tsx'
import { useInboxEvents } from './use-inbox-events.ts'
import { useInboxShortcuts } from './use-inbox-shortcuts.ts'
import { useTriage } from './use-triage.ts'

const LIVE_LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' }

/**
 * Everything people say back, worked through by keyboard: the list (filters, counts, new
 * messages without a reload) beside the selected message with its conversation, its person,
 * why it was read and routed so, how long it has waited, and a reply written by a person.
 */
export function InboxPage() {
  const { workspace, me, may } = useWorkspace()
  const [filters, setFilters] = useState<ListFilters>({ status: 'open' })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const replyBox = useRef<HTMLTextAreaElement>(null)
  // The last reply's confirmation outlives its item, which leaves the open list once answered.
  const [lastReply, setLastReply] = useState<{
    item: InboxItem
    approval: 'pending' | 'sent'
  } | null>(null)
  const inbox = useInbox(workspace.id, filters)
  const counts = useInboxCounts(workspace.id)
  const accounts = useAccounts(workspace.id)
  const members = useMembers(workspace.id)
  const snippets = useSnippets(workspace.id)
  const settings = useInboxSettings(workspace.id)
  const live = useInboxEvents(workspace.id)

  const items = inbox.data?.pages.flatMap((page) => page.items) ?? []
  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null
  const memberName = (userId: string) => {
    if (userId === me.user.id) return 'you'
    const member = members.data?.items.find((m) => m.userId === userId)
    return member ? member.name || member.email : 'a former member'
  }

  // A change that takes the item out of this list moves the selection to its neighbour first.
  const leaving = (item: InboxItem, changes: ItemChanges) => {
    const status = changes.status ?? item.status
    const assignee = changes.assigneeId === undefined ? item.assigneeId : changes.assigneeId
    const stays =
      (!filters.status || filters.status === status) &&
      (!filters.kind || filters.kind === (changes.kind ?? item.kind)) &&
      (!filters.assignee || filters.assignee === (assignee ?? 'none'))
    if (stays) return
    const index = items.indexOf(item)
    setSelectedId((items[index + 1] ?? items[index - 1])?.id ?? null)
  }
  const triage = useTriage(workspace.id, selected, may('inbox.triage'), leaving)

  useInboxShortcuts({
    select: (by) => {
      if (items.length === 0) return
      const index = selected ? items.indexOf(selected) : -1
      const next = items[Math.min(items.length - 1, Math.max(0, index + by))]
      if (!next) return
      setSelectedId(next.id)
      document.getElementById(`inbox-${next.id}`)?.scrollIntoView({ block: 'nearest' })
    },
    reply: () => {
      replyBox.current?.focus()
      replyBox.current?.scrollIntoView({ block: 'nearest' })
    },
    done: triage.done,
    snooze: triage.snooze,
    assign: triage.assign,
    tag: triage.tag,
    spam: triage.spam,
    waiting: triage.waiting,
    reopen: triage.reopen,
  })

  const feedbackLink =
    settings.data?.feedbackEnabled && settings.data.feedbackSlug
      ? `${window.location.origin}/f/${settings.data.feedbackSlug}`
      : null
  const filtered = Object.entries(filters).some(
    ([key, value]) => value !== undefined && !(key === 'status' && value === 'open'),
  )

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Everything people say back, routed to the right person and answered by a person."
        actions={
          <>
            <Badge
              variant="dot"
              color={live === 'live' ? 'teal' : 'gray'}
              aria-label={`New messages: ${LIVE_LABELS[live]}`}
            >
              {LIVE_LABELS[live]}
            </Badge>
            <Button size="xs" variant="default" onClick={() => setSettingsOpen(true)}>
              Inbox settings
            </Button>
          </>
        }
      />
      {counts.data && (
        <CountsBar
          counts={counts.data}
          filters={filters}
          meId={me.user.id}
          onChange={(next) => {
            setFilters(next)
            setSelectedId(null)
          }}
        />
      )}
      <InboxFilters
        value={filters}
        onChange={(next) => {
          setFilters(next)
          setSelectedId(null)
        }}
        accounts={accounts.data?.items ?? []}
        members={members.data?.items ?? []}
        meId={me.user.id}
      />
      {inbox.isPending ? (
        <Loading label="Loading the inbox…" />
      ) : inbox.isError ? (
        <ProblemAlert error={inbox.error} title="The inbox did not load" />
      ) : items.length === 0 ? (
        <InboxEmpty
          workspaceId={workspace.id}
          filtered={filtered}
          hasAccounts={(accounts.data?.items.length ?? 0) > 0}
          feedbackLink={feedbackLink}
          mayManage={may('routing.manage')}
          onSettings={() => setSettingsOpen(true)}
        />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>r</kbd> reply, <kbd>e</kbd> done,{' '}
                <kbd>s</kbd> snooze, <kbd>a</kbd> assign, <kbd>?</kbd> every key.
              </Text>
              <InboxList
                items={items}
                selectedId={selected?.id ?? null}
                memberName={memberName}
                onSelect={(item) => setSelectedId(item.id)}
              />
              {inbox.hasNextPage && (
                <Group justify="center">
                  <Button
                    variant="default"
                    size="xs"
                    loading={inbox.isFetchingNextPage}
                    onClick={() => inbox.fetchNextPage()}
                  >
                    Load older
                  </Button>
                </Group>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {lastReply && <ReplyConfirmation {...lastReply} onClose={() => setLastReply(null)} />}
            {selected && (
              <ItemDetail
                workspaceId={workspace.id}
                item={selected}
                accounts={accounts.data?.items ?? []}
                snippets={snippets.data?.items ?? []}
                memberName={memberName}
                mayTriage={may('inbox.triage')}
                mayReply={may('inbox.reply')}
                triage={triage}
                replyBox={replyBox}
                onReplySent={(item, approval) => {
                  leaving(item, { status: 'waiting' })
                  setLastReply({ item, approval })
                }}
              />
            )}
          </Grid.Col>
        </Grid>
      )}
      <TriageDialogs item={selected} triage={triage} members={members.data?.items ?? []} />
      <InboxSettingsDrawer
        workspaceId={workspace.id}
        opened={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        mayManage={may('routing.manage')}
        mayManageSnippets={may('snippets.manage')}
        accounts={accounts.data?.items ?? []}
        snippets={snippets.data?.items ?? []}
        memberName={memberName}
      />
    </>
  )
}

function ReplyConfirmation({
  item,
  approval,
  onClose,
}: {
  item: InboxItem
  approval: 'pending' | 'sent'
  onClose: () => void
}) {
  return approval === 'pending' ? (
    <Alert
      color="blue"
      variant="light"
      role="status"
      title="Waiting for approval"
      withCloseButton
      onClose={onClose}
      mb="sm"
    >
      Your reply to {whoSaidIt(item)} goes out when an editor approves it (in Review).
    </Alert>
  ) : (
    <Alert color="teal" variant="light" role="status" withCloseButton onClose={onClose} mb="sm">
      Sent: your reply to {whoSaidIt(item)} goes out now through @{item.account?.handle}, once.
    </Alert>
  )
}
