import { Alert, Badge, Group, Stack, Text } from '@mantine/core'
import { formatDuration, formatRelative } from '../components/format-date.ts'
import type { ListeningStatus } from './listen-queries.ts'

/** The network a listening source reads, as a person would name it (lease names are `kind[:where]`). */
export function describeSource(source: string): string {
  const [kind = source, where] = source.split(/:(.*)/su)
  if (kind === 'jetstream') return 'Bluesky (through Jetstream)'
  if (kind === 'bluesky-firehose') return `Bluesky (the verified firehose of ${where})`
  if (kind.startsWith('mastodon')) return where ? `Mastodon (${where})` : 'Mastodon'
  if (kind.startsWith('feed')) return 'feed items'
  return source
}

const STATE: Record<ListeningStatus['state'], { label: string; color: string }> = {
  connected: { label: 'Listening', color: 'green' },
  connecting: { label: 'Connecting', color: 'blue' },
  idle: { label: 'Idle', color: 'gray' },
  backing_off: { label: 'Unreachable, retrying', color: 'orange' },
  stopped: { label: 'Stopped', color: 'red' },
  off: { label: 'Off on this instance', color: 'gray' },
}

/** Lag above this is worth a word: Jetstream normally delivers within a second or two. */
const LAG_WORTH_SAYING_S = 30

/** Bluesky's source first, then every other source listening has read from. */
export function listeningStatuses(data: {
  listening: ListeningStatus
  sources: ListeningStatus[]
}): ListeningStatus[] {
  return [data.listening, ...data.sources.filter((s) => s.source !== data.listening.source)]
}

/** Where each source listening reads stands. */
export function ListeningStates({ statuses }: { statuses: ListeningStatus[] }) {
  return (
    <Stack gap="xs" aria-label="Listening sources" role="group">
      {statuses.map((status) => (
        <ListeningState key={status.source} status={status} />
      ))}
    </Stack>
  )
}

/**
 * Where listening stands: the source, its state, how far behind it is; when the source is
 * unreachable, what happened and that matches resume from where it stopped.
 */
function ListeningState({ status }: { status: ListeningStatus }) {
  const state = STATE[status.state]
  const trouble = status.state === 'backing_off' || status.state === 'stopped'
  const lagging = (status.lagSeconds ?? 0) > LAG_WORTH_SAYING_S
  return (
    <div>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">Source: {describeSource(status.source)}</Text>
        <Badge variant="light" color={state.color}>
          {state.label}
        </Badge>
        {status.lagSeconds !== null && (
          <Text size="sm" c={lagging ? 'orange.9' : 'dimmed'}>
            {status.lagSeconds < 2 ? 'no lag' : `${formatDuration(status.lagSeconds)} behind`}
          </Text>
        )}
        {status.lastEventAt && (
          <Text size="sm" c="dimmed">
            last post read {formatRelative(status.lastEventAt)}
          </Text>
        )}
      </Group>
      {(trouble || lagging) && (
        <Alert
          color="orange"
          variant="light"
          mt="xs"
          title={trouble ? 'The source cannot be reached' : 'Listening is behind'}
        >
          {status.detail ? `${status.detail}. ` : ''}
          {trouble
            ? 'Sous keeps retrying on its own and resumes from where it stopped, so no match is lost unless the source no longer keeps those posts.'
            : 'Matches and alerts arrive late by that much; they are not lost.'}
        </Alert>
      )}
      {status.state === 'off' && (
        <Text size="sm" c="dimmed" mt="xs">
          Listening is turned off for this instance (SOUS_LISTEN=0): searches are kept, but nothing
          new matches until an administrator turns it on.
        </Text>
      )}
      {status.state === 'idle' && !status.consumed && (
        <Text size="sm" c="dimmed" mt="xs">
          {status.detail ?? 'No worker listens yet'}: listening starts when a worker runs and a
          search is saved.
        </Text>
      )}
    </div>
  )
}
