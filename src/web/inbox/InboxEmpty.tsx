import { Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core'
import { Link } from '../components/router.tsx'
import { sectionPath } from '../shell/navigation.ts'

/**
 * Nothing to answer: say where messages come from and what to do so they do — connect an
 * account, share the feedback link (or turn it on).
 */
export function InboxEmpty({
  workspaceId,
  filtered,
  hasAccounts,
  feedbackLink,
  mayManage,
  onSettings,
}: {
  workspaceId: string
  filtered: boolean
  hasAccounts: boolean
  feedbackLink: string | null
  mayManage: boolean
  onSettings: () => void
}) {
  if (filtered)
    return (
      <Text c="dimmed" py="md">
        No message fits these filters. Change a filter above, or choose “Any status” to see what is
        done or snoozed.
      </Text>
    )
  return (
    <Stack gap="md" py="md" maw={620}>
      <Title order={2} size="h3">
        Nothing to answer
      </Title>
      <Text>
        Mentions, replies, quotes and direct messages to your accounts arrive here by themselves,
        and so do messages sent through your public feedback link.
      </Text>
      {!hasAccounts && (
        <Group gap="xs">
          <Text>No account is connected yet.</Text>
          <Link to={sectionPath(workspaceId, 'accounts')}>Connect an account</Link>
        </Group>
      )}
      {feedbackLink ? (
        <Stack gap={4}>
          <Text>Anyone can write to you, without an account, at:</Text>
          <Group gap="xs">
            <Code>{feedbackLink}</Code>
            <CopyButton value={feedbackLink}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy the link'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      ) : mayManage ? (
        <Group gap="xs">
          <Text>No public feedback link yet.</Text>
          <Button size="xs" variant="default" onClick={onSettings}>
            Turn on the feedback link
          </Button>
        </Group>
      ) : (
        <Text c="dimmed">An admin can turn on a public feedback link in the inbox settings.</Text>
      )}
    </Stack>
  )
}
