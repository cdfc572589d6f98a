import { Button, Modal, Tabs } from '@mantine/core'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate, useLocation } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { BalancePanel } from '../settings/BalancePanel.tsx'
import { CampaignForm } from './CampaignForm.tsx'
import { CampaignsTab } from './CampaignsTab.tsx'
import { CampaignView } from './CampaignView.tsx'
import { type CompareChoice, CompareTab } from './CompareTab.tsx'
import { PERIODS, type PeriodDays } from './measure-period.ts'
import {
  type Campaign,
  type MeasureBy,
  type Metric,
  useCampaigns,
  useSaveCampaign,
} from './measure-queries.ts'
import { useMeasureShortcuts } from './use-measure-shortcuts.ts'

const TABS = ['compare', 'campaigns', 'balance'] as const

/**
 * What started conversations: posts compared over a period (by account, network, topic,
 * approach or campaign) with how sure each comparison is, the campaigns, and the organic
 * balance (live posts and replies against scheduled broadcast, per account). What is shown
 * lives in the address (`?tab=campaigns&campaign=…`, `?days=30&by=topic`), so it can be shared.
 */
export function MeasurePage() {
  const { workspace, may } = useWorkspace()
  const { pathname, search } = useLocation()
  const campaigns = useCampaigns(workspace.id)
  const save = useSaveCampaign(workspace.id)
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null)
  const mayManage = may('campaigns.manage')

  const tab = TABS.find((t) => t === search.get('tab')) ?? 'compare'
  const openCampaign = search.get('campaign')
  const choice: CompareChoice = {
    days: (PERIODS.find((p) => p.value === search.get('days'))?.value ?? '90') as PeriodDays,
    by: (search.get('by') ?? 'network') as MeasureBy,
    metric: (search.get('metric') ?? 'conversations') as Metric,
    campaignId: search.get('filter'),
  }
  const go = (params: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(search)
    for (const [key, value] of Object.entries(params))
      value === null ? next.delete(key) : next.set(key, value)
    const query = next.toString()
    navigate(query ? `${pathname}?${query}` : pathname, { replace })
  }
  const choose = (c: CompareChoice) =>
    go({ days: c.days, by: c.by, metric: c.metric, filter: c.campaignId }, true)
  const startNew = () => {
    if (!mayManage) return
    save.reset()
    setEditing('new')
  }
  const edit = (campaign: Campaign) => {
    save.reset()
    setEditing(campaign)
  }

  useMeasureShortcuts({
    compare: () => go({ tab: null, campaign: null }),
    campaigns: () => go({ tab: 'campaigns' }),
    balance: () => go({ tab: 'balance', campaign: null }),
    period: (by) => {
      const at = PERIODS.findIndex((p) => p.value === choice.days)
      const next = PERIODS[Math.min(PERIODS.length - 1, Math.max(0, at + by))]
      if (next) choose({ ...choice, days: next.value })
    },
    newCampaign: startNew,
  })

  const list = campaigns.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Measure"
        description="What started conversations: replies, people and answers per post, compared honestly over a period."
        actions={mayManage && <Button onClick={startNew}>New campaign</Button>}
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          go({ tab: value === 'compare' || !value ? null : value, campaign: null })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="compare">Compare</Tabs.Tab>
          <Tabs.Tab value="campaigns">Campaigns</Tabs.Tab>
          <Tabs.Tab value="balance">Organic balance</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="balance">
          <BalancePanel />
        </Tabs.Panel>
        <Tabs.Panel value="compare">
          <CompareTab choice={choice} onChange={choose} campaigns={list} />
        </Tabs.Panel>
        <Tabs.Panel value="campaigns">
          <ProblemAlert error={campaigns.error} title="The campaigns did not load" />
          {campaigns.isPending ? (
            <Loading label="Loading the campaigns…" />
          ) : openCampaign ? (
            <CampaignView
              campaignId={openCampaign}
              metric={choice.metric}
              mayManage={mayManage}
              onBack={() => go({ campaign: null })}
              onEdit={edit}
              onMeasure={() => go({ tab: null, campaign: null, filter: openCampaign })}
            />
          ) : (
            <CampaignsTab
              campaigns={list}
              mayManage={mayManage}
              onOpen={(c) => go({ campaign: c.id })}
              onEdit={edit}
              onCreate={startNew}
            />
          )}
        </Tabs.Panel>
      </Tabs>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New campaign' : 'Edit the campaign'}
      >
        {editing !== null && (
          <CampaignForm
            key={editing === 'new' ? 'new' : editing.id}
            {...(editing === 'new' ? {} : { campaign: editing })}
            pending={save.isPending}
            error={save.error}
            onCancel={() => setEditing(null)}
            onSave={(fields) =>
              save.mutate(
                { ...(editing === 'new' ? {} : { id: editing.id }), fields },
                {
                  onSuccess: (saved) => {
                    setEditing(null)
                    go({ tab: 'campaigns', campaign: saved.id })
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </>
  )
}
