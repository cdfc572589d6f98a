import { Badge, Group, Select, Stack, Tabs, Text } from '@mantine/core'
import { useState } from 'react'
import { type Account, useAccounts } from '../accounts/account-queries.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath } from '../shell/navigation.ts'
import { FollowerQueue } from './FollowerQueue.tsx'
import { FollowingList } from './FollowingList.tsx'
import { type PeopleSummary, usePeopleSummary, useSyncNow } from './people-queries.ts'
import { SyncStatus } from './SyncStatus.tsx'

const count = new Intl.NumberFormat()

/**
 * People, one account at a time: new followers to decide by keyboard (follow back, dismiss,
 * a note), and whom the account follows, filtered, to unfollow one confirmed person at a
 * time. Sous never follows or unfollows on its own; a person decides each one.
 */
export function PeoplePage() {
  const { workspace, may } = useWorkspace()
  const accounts = useAccounts(workspace.id)
  const summary = usePeopleSummary(workspace.id)
  const sync = useSyncNow(workspace.id)
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [tab, setTab] = useState<string>('new')
  const mayAct = may('people.act')
  const list = accounts.data?.items ?? []
  const account = list.find((a) => a.id === chosenId) ?? list[0] ?? null
  const counts = summary.data?.items.find((s) => s.accountId === account?.id)

  return (
    <>
      <PageHeader
        title="People"
        description="New followers to look at one at a time, and whom your accounts follow. Sous never follows or unfollows on its own: you decide each one."
      />
      {accounts.isPending ? (
        <Loading label="Loading accounts…" />
      ) : accounts.isError ? (
        <ProblemAlert error={accounts.error} title="Accounts did not load" />
      ) : !account ? (
        <Text>
          No account is connected yet.{' '}
          <Link underline="always" to={sectionPath(workspace.id, 'accounts')}>
            Connect one in Accounts
          </Link>
          , then come back to see who follows it.
        </Text>
      ) : (
        <Stack gap="lg">
          <Group align="flex-end" gap="md">
            <Select
              label="Account"
              value={account.id}
              onChange={(id) => {
                if (id) setChosenId(id)
              }}
              allowDeselect={false}
              data={list.map((a) => ({ value: a.id, label: accountLabel(a, summary.data?.items) }))}
              style={{ flex: '1 1 16rem', maxWidth: '28rem' }}
            />
            {counts && <Counts counts={counts} />}
          </Group>
          <SyncStatus
            summary={counts}
            mayAct={mayAct}
            pending={sync.isPending}
            error={sync.error}
            onSync={() => sync.mutate(account.id)}
          />
          <Tabs value={tab} onChange={(value) => setTab(value ?? 'new')} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="new">
                New followers{counts ? ` (${count.format(counts.newFollowers)})` : ''}
              </Tabs.Tab>
              <Tabs.Tab value="following">
                Following{counts ? ` (${count.format(counts.following)})` : ''}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="new" pt="md">
              <FollowerQueue
                key={account.id}
                workspaceId={workspace.id}
                accountId={account.id}
                accountHandle={account.handle}
                mayAct={mayAct}
                active={tab === 'new'}
                empty={<EmptyQueue counts={counts} handle={account.handle} />}
              />
            </Tabs.Panel>
            <Tabs.Panel value="following" pt="md">
              <FollowingList
                key={account.id}
                workspaceId={workspace.id}
                accountId={account.id}
                accountHandle={account.handle}
                mayAct={mayAct}
                active={tab === 'following'}
              />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </>
  )
}

function accountLabel(account: Account, summaries: PeopleSummary[] | undefined): string {
  const waiting = summaries?.find((s) => s.accountId === account.id)?.newFollowers ?? 0
  return `@${account.handle} · ${account.network}${waiting ? ` · ${count.format(waiting)} new` : ''}`
}

function Counts({ counts }: { counts: PeopleSummary }) {
  return (
    <Group gap={6} aria-label="Counts">
      <Badge variant="light" color="gray">
        {count.format(counts.followers)} followers
      </Badge>
      <Badge variant="light" color="gray">
        follows {count.format(counts.following)}
      </Badge>
      <Badge variant="light" color="gray">
        {count.format(counts.notFollowingBack)} not following back
      </Badge>
    </Group>
  )
}

function EmptyQueue({ counts, handle }: { counts: PeopleSummary | undefined; handle: string }) {
  const followers = counts?.sync.followers
  if (!followers?.finishedAt)
    return (
      <Text c="dimmed">
        Sous has not read @{handle}'s followers yet. The first sync notes who already follows;
        anyone who follows after it shows up here. Press Sync now, or wait for the next sync (every
        15 minutes).
      </Text>
    )
  return (
    <Stack gap={4}>
      <Text>No new followers to look at.</Text>
      <Text c="dimmed" size="sm">
        Whoever follows @{handle} next shows up here after the next sync (every 15 minutes), or
        press Sync now. Meanwhile, the Following tab shows whom you follow that went silent or does
        not follow back.
      </Text>
    </Stack>
  )
}
