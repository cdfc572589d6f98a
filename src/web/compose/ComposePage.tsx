import { Alert, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { type Account, useAccounts } from '../accounts/account-queries.ts'
import { asProblem } from '../api/api-problem.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link, navigate, useLocation } from '../components/router.tsx'
import { KeyCombo } from '../components/shortcuts.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type ComposerStart, useComposerStart } from '../curate/curate-queries.ts'
import { composePath, sectionPath } from '../shell/navigation.ts'
import {
  type LinkPreview,
  type PostInput,
  useLinkPreview,
  useQueues,
  useReopenedDraft,
  useSavePost,
} from './compose-queries.ts'
import {
  allImages,
  type Draft,
  emptyDraft,
  localProblems,
  networkName,
  sameText,
  toPostInput,
} from './compose-state.ts'
import { DraftsList } from './DraftsList.tsx'
import { firstLink } from './highlight.ts'
import { IdeaCard } from './IdeaCard.tsx'
import { LabelsCard } from './LabelsCard.tsx'
import { SchedulePicker } from './SchedulePicker.tsx'
import { useComposeShortcuts } from './use-compose-shortcuts.ts'
import { VariantCard } from './VariantCard.tsx'

/** One idea, written once, fitted to each account, checked by each network's rules, scheduled. */
export function ComposePage() {
  const { workspace } = useWorkspace()
  const accounts = useAccounts(workspace.id)
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const save = useSavePost(workspace.id)

  // `?post=` reopens a saved post: its draft replaces the page's once, when it has loaded.
  const { search } = useLocation()
  const reopen = search.get('post')
  const reopened = useReopenedDraft(workspace.id, reopen)
  // `?suggestion=` starts from a shared suggestion: its link and title, and the post says so.
  const suggestionId = search.get('suggestion')
  const start = useComposerStart(workspace.id, suggestionId)
  // `?campaign=` starts a new post already in that campaign (the campaign page's link).
  const campaignId = search.get('campaign')
  const fresh = campaignId ? `campaign:${campaignId}` : null
  const [shown, setShown] = useState<string | null>(null)
  if (reopen && reopened.data && shown !== reopen) {
    setShown(reopen)
    setDraft(reopened.data)
  } else if (!reopen && !suggestionId && shown !== fresh) {
    setShown(fresh)
    setDraft(
      campaignId ? { ...emptyDraft, labels: { ...emptyDraft.labels, campaignId } } : emptyDraft,
    )
  }
  if (suggestionId && start.data && shown !== suggestionId) {
    const { link, image } = start.data
    setShown(suggestionId)
    setDraft({
      ...emptyDraft,
      segments: [link.title ? `${link.title}\n\n${link.url}` : link.url],
      savedLink: { ...link, ...(image?.url ? { imageUrl: image.url } : {}) },
    })
  }

  const usable = (accounts.data?.items ?? []).filter((a) => a.state === 'ok')
  const chosen = draft.chosen.flatMap((id) => usable.filter((a) => a.id === id))
  const queues = useQueues(
    workspace.id,
    chosen.map((a) => a.id),
  )
  const linkUrl = firstLink(draft.segments[0] ?? '')
  // A shared suggestion's card (with its image) was read by the share: shown as it is.
  const preview = useLinkPreview(
    workspace.id,
    linkUrl,
    start.data ? previewOfStart(start.data) : undefined,
  )

  const problems = new Map(chosen.map((a) => [a.id, localProblems(draft, a)]))
  const uploading = allImages(draft).some((i) => !i.media && !i.error)
  const notice = chosen.length > 1 ? sameText(draft, chosen) : null
  const serverProblems = asProblem(save.error)
  const blockers = [
    chosen.length === 0 && 'Choose at least one account',
    uploading && 'Wait for the images to finish uploading',
    [...problems.values()].some((p) => p.length > 0) && 'Fix what each variant says below',
    draft.when === 'at' && !draft.at && 'Pick a time, or use the next free slot',
  ].filter((b): b is string => Boolean(b))

  const submit = (schedule: PostInput['schedule']) => {
    const link = preview.data
      ? {
          url: preview.data.url,
          ...(preview.data.title ? { title: preview.data.title } : {}),
          ...(preview.data.description ? { description: preview.data.description } : {}),
          ...(preview.data.imageUrl ? { imageUrl: preview.data.imageUrl } : {}),
        }
      : draft.savedLink?.url === linkUrl
        ? draft.savedLink
        : null
    const input = {
      ...toPostInput(draft, chosen, link, schedule),
      ...(suggestionId && !draft.postId ? { suggestionId } : {}),
    }
    save.mutate(
      { postId: draft.postId, input },
      {
        onSuccess: (post) => {
          notifications.show({
            color: 'green',
            message: schedule ? 'Scheduled.' : draft.postId ? 'Saved.' : 'Saved as a draft.',
          })
          navigate(`/w/${workspace.id}/posts/${post.id}`)
        },
      },
    )
  }
  const schedule = () => {
    if (blockers.length > 0 || save.isPending) return
    submit(draft.when === 'slot' ? { slot: true } : { at: new Date(draft.at).toISOString() })
  }
  const saveDraft = () => {
    if (uploading || save.isPending || (!draft.segments.join('').trim() && chosen.length === 0))
      return
    submit(undefined)
  }
  useComposeShortcuts({ schedule, saveDraft })

  if (accounts.isPending || (reopen && reopened.isPending) || (suggestionId && start.isPending))
    return <Loading label={reopen ? 'Opening the draft…' : 'Loading the accounts…'} />

  const toggle = (id: string, on: boolean) =>
    change({ chosen: on ? [...draft.chosen, id] : draft.chosen.filter((c) => c !== id) })

  return (
    <>
      <PageHeader
        title="Compose"
        description={
          draft.postId
            ? 'Editing a saved post: saving it again rewrites it.'
            : suggestionId && start.data
              ? 'From a suggestion: say what you think of it. The post is recorded as from a suggestion.'
              : 'Write the idea once, fit it to each network, and schedule it.'
        }
        actions={
          draft.postId && (
            <Button variant="default" onClick={() => navigate(composePath(workspace.id))}>
              Start a new post
            </Button>
          )
        }
      />
      <ProblemAlert error={accounts.error} title="The accounts could not be loaded" />
      <ProblemAlert error={reopened.error} title="The draft could not be opened" />
      <ProblemAlert error={start.error} title="The suggestion could not be opened" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="md">
          <IdeaCard
            workspaceId={workspace.id}
            draft={draft}
            setDraft={setDraft}
            linkUrl={linkUrl}
            preview={preview}
          />

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Accounts
              </Title>
              {usable.length === 0 ? (
                <Text size="sm">
                  No account is connected and ready yet.{' '}
                  <Link to={sectionPath(workspace.id, 'accounts')}>Connect one in Accounts</Link>:
                  you can still save the idea as a draft.
                </Text>
              ) : (
                <Checkbox.Group label="Post to" value={draft.chosen}>
                  <Stack gap={6} mt={6}>
                    {usable.map((account) => (
                      <Checkbox
                        key={account.id}
                        value={account.id}
                        label={`${account.handle} (${networkName(account.network)})`}
                        checked={draft.chosen.includes(account.id)}
                        onChange={(event) => toggle(account.id, event.currentTarget.checked)}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            </Stack>
          </Card>

          <LabelsCard
            workspaceId={workspace.id}
            text={draft.segments.join('\n\n')}
            labels={draft.labels}
            onChange={(labels) => change({ labels })}
          />

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                When
              </Title>
              <SchedulePicker
                draft={draft}
                accounts={chosen}
                queues={queues.map((q) => q.data)}
                onChange={change}
              />
              {blockers.length > 0 && (
                <Text size="sm" c="dimmed">
                  {blockers[0]}.
                </Text>
              )}
              <ProblemAlert
                error={save.error}
                title="Not saved"
                fields={chosen.map((_, i) => `variants.${i}`)}
              />
              <Group gap="xs">
                <Button onClick={schedule} disabled={blockers.length > 0} loading={save.isPending}>
                  Schedule
                </Button>
                <Button
                  variant="default"
                  onClick={saveDraft}
                  disabled={uploading || save.isPending}
                >
                  {draft.postId ? 'Save' : 'Save as draft'}
                </Button>
                <Group gap={4} visibleFrom="sm">
                  <KeyCombo keys="mod+Enter" />
                  <Text size="xs" c="dimmed">
                    schedules
                  </Text>
                </Group>
              </Group>
            </Stack>
          </Card>
          <DraftsList workspaceId={workspace.id} open={draft.postId} />
        </Stack>

        <Stack gap="md">
          <Title order={2} size="h4">
            Variants
          </Title>
          {notice && (
            <Alert color="yellow" variant="light" title="The same text everywhere">
              {notice}.
            </Alert>
          )}
          {chosen.length === 0 ? (
            <Text c="dimmed">
              Choose the accounts to post to: each gets a variant you can fit to its network,
              counted by that network's own rules.
            </Text>
          ) : (
            chosen.map((account: Account, index) => (
              <VariantCard
                key={account.id}
                account={account}
                draft={draft}
                problems={problems.get(account.id) ?? []}
                serverProblem={serverProblems?.fieldMessage(`variants.${index}`)}
                link={preview.data ?? null}
                onEdit={(segments) =>
                  setDraft((d) => ({ ...d, forks: { ...d.forks, [account.id]: segments } }))
                }
                onLanguage={(language) =>
                  setDraft((d) => {
                    const { [account.id]: _, ...languages } = d.languages
                    return {
                      ...d,
                      languages:
                        language === d.language
                          ? languages
                          : { ...languages, [account.id]: language },
                    }
                  })
                }
                onFollowIdea={() =>
                  setDraft((d) => {
                    const { [account.id]: _, ...forks } = d.forks
                    return { ...d, forks }
                  })
                }
              />
            ))
          )}
        </Stack>
      </SimpleGrid>
    </>
  )
}

/** The card a shared suggestion starts with, as the link preview gives cards. */
function previewOfStart({ link, image }: ComposerStart): LinkPreview {
  const shown = image?.dataUrl && image.mimeType ? image : null
  return {
    url: link.url,
    title: link.title ?? null,
    description: link.description ?? null,
    image: shown ? { mimeType: shown.mimeType ?? '', dataUrl: shown.dataUrl ?? '' } : null,
    imageUrl: shown ? shown.url : null,
  }
}
