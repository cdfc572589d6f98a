import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import {
  type SourceCounts,
  type SourceStatus,
  useChangeSource,
  useRemoveSource,
  useSourceList,
} from './curate-queries.ts'
import { SourceCard } from './SourceCard.tsx'

const STATUS_NAMES: Record<SourceStatus, string> = {
  failing: 'Failing',
  erroring: 'Erroring',
  pending: 'Waiting',
  ok: 'Healthy',
}

/**
 * The followed feeds by title, 50 at a time with more on request, found by title, address
 * or folder and narrowed to one health status; each with its health, weight and removal.
 */
export function FollowedSources({ mayManage }: { mayManage: boolean }) {
  const { workspace } = useWorkspace()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [status, setStatus] = useState<SourceStatus | null>(null)
  const list = useSourceList(workspace.id, {
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
  })
  const change = useChangeSource(workspace.id)
  const remove = useRemoveSource(workspace.id)
  const pages = list.data?.pages ?? []
  const sources = pages.flatMap((p) => p.items)
  const counts: SourceCounts | undefined = pages[0]?.counts
  const filtered = Boolean(q || status)

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Followed{counts ? ` (${counts.all.toLocaleString()})` : ''}
      </Title>
      {(counts?.all ?? 0) > 0 && (
        <Group gap="sm" align="flex-end">
          <TextInput
            label="Find a source"
            placeholder="Title, address or folder"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={{ base: '100%', xs: 280 }}
          />
          <Select
            label="Health"
            placeholder="Any health"
            data={(['failing', 'erroring', 'pending', 'ok'] as const).map((value) => ({
              value,
              label: `${STATUS_NAMES[value]} (${(counts?.[value] ?? 0).toLocaleString()})`,
            }))}
            value={status}
            onChange={(value) => setStatus(value as SourceStatus | null)}
            clearable
            allowDeselect
            w={{ base: '100%', xs: 200 }}
          />
        </Group>
      )}
      <ProblemAlert error={list.error} title="The sources did not load" />
      {list.isPending ? (
        <Loading label="Loading the sources…" />
      ) : sources.length === 0 ? (
        <Text c="dimmed">
          {filtered
            ? 'No source matches. Clear the search or the health to see them all.'
            : mayManage
              ? 'None yet. Follow a feed above, or import the OPML file your feed reader exports.'
              : 'None yet; an editor adds them.'}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {sources.map((source) => (
            <SourceCard
              key={`${source.id}:${source.weight}`}
              source={source}
              mayManage={mayManage}
              changing={change.isPending && change.variables?.id === source.id}
              changeError={change.variables?.id === source.id ? change.error : null}
              removeError={remove.variables === source.id ? remove.error : null}
              onWeight={(weight) => change.mutate({ id: source.id, weight })}
              onRemove={() =>
                remove.mutate(source.id, {
                  onSuccess: () =>
                    notifications.show({ message: `No longer following ${source.title}.` }),
                })
              }
            />
          ))}
        </SimpleGrid>
      )}
      {sources.length > 0 && (
        <Group gap="sm">
          <Text size="sm" c="dimmed" role="status">
            Showing {sources.length.toLocaleString()}
            {filtered ? ' matching' : ` of ${(counts?.all ?? sources.length).toLocaleString()}`}
          </Text>
          {list.hasNextPage && (
            <Button
              variant="default"
              size="xs"
              onClick={() => list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              Show 50 more
            </Button>
          )}
        </Group>
      )}
      {sources.length > 0 && (
        <Text size="xs" c="dimmed">
          Feeds are read politely: at most once every 10 minutes, as often as each one asks (30
          minutes otherwise), with longer pauses after errors.
        </Text>
      )}
    </Stack>
  )
}
