import { Tabs } from '@mantine/core'
import { useRef, useState } from 'react'
import { PageHeader } from '../components/PageHeader.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { AuditPanel } from './AuditPanel.tsx'
import { BalancePanel } from './BalancePanel.tsx'
import { InstancePanel } from './InstancePanel.tsx'
import { MediaPanel } from './MediaPanel.tsx'
import { MembersPanel } from './MembersPanel.tsx'
import { TokensPanel } from './TokensPanel.tsx'
import { useSettingsShortcuts } from './use-settings-shortcuts.ts'

export function SettingsPage() {
  const { workspace, me } = useWorkspace()
  const tabs = [
    { id: 'members', label: 'Members' },
    { id: 'tokens', label: 'API tokens' },
    { id: 'audit', label: 'Audit log' },
    { id: 'balance', label: 'Organic balance' },
    { id: 'media', label: 'Media library' },
    ...(me.instanceAdmin ? [{ id: 'instance', label: 'Instance' }] : []),
  ]
  const [tab, setTab] = useState('members')
  const inviteField = useRef<HTMLInputElement>(null)
  const step = (by: number) => {
    const at = tabs.findIndex((t) => t.id === tab)
    setTab(tabs[(at + by + tabs.length) % tabs.length]?.id ?? 'members')
  }
  useSettingsShortcuts({
    invite: () => {
      setTab('members')
      requestAnimationFrame(() => inviteField.current?.focus())
    },
    previousTab: () => step(-1),
    nextTab: () => step(1),
  })

  return (
    <>
      <PageHeader
        title="Team & settings"
        description={`Who works in ${workspace.name}, with which role, and what happened there.`}
      />
      <Tabs value={tab} onChange={(value) => value && setTab(value)} keepMounted={false}>
        <Tabs.List mb="lg" style={{ flexWrap: 'wrap' }}>
          {tabs.map((t) => (
            <Tabs.Tab key={t.id} value={t.id}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="members">
          <MembersPanel inviteField={inviteField} />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditPanel />
        </Tabs.Panel>
        <Tabs.Panel value="balance">
          <BalancePanel />
        </Tabs.Panel>
        <Tabs.Panel value="media">
          <MediaPanel />
        </Tabs.Panel>
        {me.instanceAdmin && (
          <Tabs.Panel value="instance">
            <InstancePanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  )
}
