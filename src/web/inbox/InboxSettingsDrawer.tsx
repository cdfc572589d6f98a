import { Drawer, Tabs } from '@mantine/core'
import type { Account } from '../accounts/account-queries.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { HoursForm } from './HoursForm.tsx'
import { type Snippet, useInboxSettings } from './inbox-queries.ts'
import { ResponseTimes } from './ResponseTimes.tsx'
import { RoutingRulesForm } from './RoutingRulesForm.tsx'
import { SnippetsForm } from './SnippetsForm.tsx'

/**
 * The inbox's settings and measures beside the list: business hours and target, the
 * feedback link, saved replies, and how fast the team first answered.
 */
export function InboxSettingsDrawer({
  workspaceId,
  opened,
  onClose,
  mayManage,
  mayManageSnippets,
  accounts,
  snippets,
  memberName,
}: {
  workspaceId: string
  opened: boolean
  onClose: () => void
  mayManage: boolean
  mayManageSnippets: boolean
  accounts: Account[]
  snippets: Snippet[]
  memberName: (userId: string) => string
}) {
  const settings = useInboxSettings(workspaceId)
  return (
    <Drawer opened={opened} onClose={onClose} title="Inbox settings" position="right" size="lg">
      <Tabs defaultValue="hours" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="hours">Hours and feedback link</Tabs.Tab>
          <Tabs.Tab value="rules">Routing rules</Tabs.Tab>
          <Tabs.Tab value="snippets">Snippets</Tabs.Tab>
          <Tabs.Tab value="times">Response times</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="hours">
          {settings.isPending ? (
            <Loading label="Loading the settings…" />
          ) : settings.isError ? (
            <ProblemAlert error={settings.error} title="The settings did not load" />
          ) : (
            <HoursForm workspaceId={workspaceId} settings={settings.data} mayManage={mayManage} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="snippets">
          <SnippetsForm
            workspaceId={workspaceId}
            snippets={snippets}
            mayManage={mayManageSnippets}
          />
        </Tabs.Panel>
        <Tabs.Panel value="times">
          <ResponseTimes workspaceId={workspaceId} accounts={accounts} memberName={memberName} />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RoutingRulesForm workspaceId={workspaceId} mayManage={mayManage} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  )
}
