import { Alert, Anchor, Avatar, Badge, Group, List, Stack, Text, Title } from '@mantine/core'
import { formatRelative } from '../components/format-date.ts'
import type { PersonCard } from './people-queries.ts'

const count = new Intl.NumberFormat()

/**
 * What a person needs to decide about someone in two seconds: who they are, how active,
 * whether you ever talked, whether you follow each other, and any spam signal with its
 * reason. Avatars are initials: the page loads no image from another site (CSP).
 */
export function PersonFacts({ person, level = 3 }: { person: PersonCard; level?: 2 | 3 }) {
  const name = person.displayName || person.handle
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Avatar color="sous" radius="xl" aria-hidden>
          {initials(name)}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={level} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            @{person.handle}
          </Text>
        </Stack>
      </Group>
      <Group gap={6}>
        {person.followsYou && <Badge variant="light">Follows you</Badge>}
        <Badge variant="light" color={person.youFollow ? 'teal' : 'gray'}>
          {person.youFollow ? 'You follow them' : 'You do not follow them'}
        </Badge>
      </Group>
      {person.bio ? (
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{person.bio}</Text>
      ) : (
        <Text c="dimmed" fs="italic">
          No bio.
        </Text>
      )}
      <Text size="sm">{facts(person)}</Text>
      <Text size="sm">{talked(person)}</Text>
      {person.spam.level !== 'none' && (
        <Alert
          color={person.spam.level === 'likely' ? 'red' : 'yellow'}
          variant="light"
          title={person.spam.level === 'likely' ? 'Looks like a bot or spam' : 'Worth a look'}
        >
          <List size="sm" aria-label="Why">
            {person.spam.signals.map((s) => (
              <List.Item key={s.code}>{s.reason}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {person.url && (
        <Anchor href={person.url} target="_blank" rel="noopener noreferrer" size="sm">
          Open @{person.handle} on the network
        </Anchor>
      )}
    </Stack>
  )
}

/** "Account 2 days old · 12 posts · 40 followers · follows 300 · last post 3 days ago" */
export function facts(person: PersonCard): string {
  if (person.contextPending && person.posts === null)
    return 'Counts not read yet (the sync reads them next).'
  const parts: string[] = []
  if (person.accountAgeDays !== null)
    parts.push(
      person.accountAgeDays === 0
        ? 'Account under a day old'
        : `Account ${count.format(person.accountAgeDays)} days old`,
    )
  if (person.posts !== null) parts.push(plural(person.posts, 'post'))
  if (person.followers !== null) parts.push(plural(person.followers, 'follower'))
  if (person.following !== null) parts.push(`follows ${count.format(person.following)}`)
  if (person.lastPostAt) parts.push(`last post ${formatRelative(person.lastPostAt)}`)
  else if (person.activity.state === 'never_posted') parts.push('never posted')
  return parts.join(' · ')
}

function plural(n: number, word: string): string {
  return `${count.format(n)} ${word}${n === 1 ? '' : 's'}`
}

function talked(person: PersonCard): string {
  const t = person.talked
  if (!t.ever) return 'You have never talked (nothing from them in the inbox).'
  const times = `${t.messages} message${t.messages === 1 ? '' : 's'} from them`
  const replies = t.replies ? `, ${t.replies} repl${t.replies === 1 ? 'y' : 'ies'} from you` : ''
  const when = t.lastAt ? `, last ${formatRelative(t.lastAt)}` : ''
  const where = t.networks.length ? ` (${t.networks.join(', ')})` : ''
  return `You talked: ${times}${replies}${when}${where}.`
}

function initials(name: string): string {
  const letters = name
    .replace(/^@/, '')
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
  return letters.join('') || '?'
}
