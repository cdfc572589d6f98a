import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core'
import { useAccounts } from '../accounts/account-queries.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link, linkProps } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath } from '../shell/navigation.ts'
import { PostEngagement } from './PostEngagement.tsx'
import { PostLabels } from './PostLabels.tsx'
import { type Post, usePost, useUnschedule } from './post-queries.ts'
import { Reschedule } from './Reschedule.tsx'

type State = Post['variants'][number]['state']

/** Each state in words, with what a person does about it. */
const STATES: Record<State, { words: string; color: string; next?: string }> = {
  draft: {
    words: 'Draft',
    color: 'gray',
    next: 'Not scheduled: open it in Compose to schedule it.',
  },
  scheduled: { words: 'Scheduled', color: 'blue' },
  claimed: { words: 'Being published now', color: 'blue' },
  published: { words: 'Published', color: 'green' },
  retry_wait: {
    words: 'Waiting to try again',
    color: 'yellow',
    next: 'The network did not answer as it should; Sous tries again on its own.',
  },
  held: {
    words: 'Held',
    color: 'orange',
    next: 'A brake or an account needing attention holds it: release the brake or reconnect the account, and it goes out.',
  },
  needs_review: {
    words: 'Needs review',
    color: 'orange',
    next: 'Sous cannot tell whether it went out: check the account on the network, then mark it in Review.',
  },
  failed: {
    words: 'Failed',
    color: 'red',
    next: 'The network refused it: fix what the error says and schedule it again.',
  },
}

/** A post's variants and each delivery: its state in words, the published link, the error and what to do. */
export function PostPage({ id }: { id: string }) {
  const { workspace } = useWorkspace()
  const post = usePost(workspace.id, id)
  const accounts = useAccounts(workspace.id)
  const unschedule = useUnschedule(workspace.id, id)

  if (post.isPending) return <Loading label="Loading the post…" />
  if (post.isError)
    return (
      <>
        <PageHeader title="Post" />
        <ProblemAlert error={post.error} title="This post could not be loaded" />
      </>
    )
  const data = post.data
  const handle = (accountId: string | null) =>
    accounts.data?.items.find((a) => a.id === accountId)?.handle ?? 'an account'
  const scheduled = data.variants.some((v) => v.state === 'scheduled')

  return (
    <>
      <PageHeader
        title="Post"
        description={`Written ${formatDateTime(data.createdAt)}`}
        actions={
          <>
            {scheduled && (
              <Button
                variant="default"
                loading={unschedule.isPending}
                onClick={() => unschedule.mutate()}
              >
                Unschedule
              </Button>
            )}
            <Button
              component="a"
              {...linkProps(sectionPath(workspace.id, 'compose'))}
              variant="light"
            >
              Write another
            </Button>
          </>
        }
      />
      <ProblemAlert error={unschedule.error} title="Not unscheduled" />
      <Reschedule workspaceId={workspace.id} post={data} />
      <PostLabels workspaceId={workspace.id} post={data} />
      {data.approval === 'pending' && (
        <Alert color="yellow" variant="light" mb="md" title="Waiting for approval">
          An editor or admin approves it in Review before it goes out.
        </Alert>
      )}
      <Stack gap="md">
        {data.variants.length === 0 && (
          <Text>
            This idea has no variant yet.{' '}
            <Link to={sectionPath(workspace.id, 'compose')}>Write one in Compose</Link>.
          </Text>
        )}
        {data.variants.map((variant) => {
          const state = STATES[variant.state]
          return (
            <Card
              key={variant.id}
              withBorder
              padding="md"
              role="region"
              aria-label={`Variant for ${handle(variant.accountId)}`}
            >
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text fw={600}>{handle(variant.accountId)}</Text>
                  <Badge color={state.color} variant="light">
                    {state.words}
                  </Badge>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {variant.text}
                </Text>
                {variant.deliveries.length > 0 && (
                  <Table.ScrollContainer minWidth={0}>
                    <Table
                      verticalSpacing="xs"
                      aria-label={`Deliveries for ${handle(variant.accountId)}`}
                    >
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Post</Table.Th>
                          <Table.Th>State</Table.Th>
                          <Table.Th>When</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {variant.deliveries.map((delivery) => {
                          const words = STATES[delivery.state]
                          return (
                            <Table.Tr key={delivery.id}>
                              <Table.Td>
                                {variant.deliveries.length > 1
                                  ? `${delivery.segment + 1} of ${variant.deliveries.length}`
                                  : 'The post'}
                              </Table.Td>
                              <Table.Td>
                                <Stack gap={2}>
                                  <Text size="sm">{words.words}</Text>
                                  {delivery.url && (
                                    <Anchor
                                      href={delivery.url}
                                      target="_blank"
                                      rel="noreferrer"
                                      size="sm"
                                    >
                                      See it on the network
                                    </Anchor>
                                  )}
                                  {delivery.error && (
                                    <Text size="sm" c="red">
                                      {delivery.error}
                                    </Text>
                                  )}
                                  {delivery.attempts > 1 && (
                                    <Text size="xs" c="dimmed">
                                      {delivery.attempts} attempts
                                    </Text>
                                  )}
                                </Stack>
                              </Table.Td>
                              <Table.Td>
                                <Text size="sm">{formatDateTime(delivery.dueAt)}</Text>
                              </Table.Td>
                            </Table.Tr>
                          )
                        })}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                {state.next && (
                  <Text size="sm" c="dimmed">
                    {state.next}
                  </Text>
                )}
              </Stack>
            </Card>
          )
        })}
        <PostEngagement postId={id} />
      </Stack>
    </>
  )
}
