import { Drawer, Tabs } from '@mantine/core'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { HoursForm } from './HoursForm.tsx'
import { useInboxSettings } from './inbox-queries.ts'
import { RoutingRulesForm } from './RoutingRulesForm.tsx'

/** The inbox's settings beside the list: business hours and target, the feedback link. */
export function InboxSettingsDrawer({
  workspaceId,
  opened,
  onClose,
  mayManage,
}: {
  workspaceId: string
  opened: boolean
  onClose: () => void
  mayManage: boolean
}) {
  const settings = useInboxSettings(workspaceId)
  return (
    <Drawer opened={opened} onClose={onClose} title="Inbox settings" position="right" size="lg">
      <Tabs defaultValue="hours" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="hours">Hours and feedback link</Tabs.Tab>
          <Tabs.Tab value="rules">Routing rules</Tabs.Tab>
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
        <Tabs.Panel value="rules">
          <RoutingRulesForm workspaceId={workspaceId} mayManage={mayManage} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  )
}
