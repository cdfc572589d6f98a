import { Card, List, Stack, Text, Title } from '@mantine/core'
import { formatDateTime } from '../components/format-date.ts'
import { Link } from '../components/router.tsx'
import { composePath } from '../shell/navigation.ts'
import { useDrafts } from './compose-queries.ts'

/** The drafts to pick up again; the one open in the composer is marked. */
export function DraftsList({ workspaceId, open }: { workspaceId: string; open: string | null }) {
  const drafts = useDrafts(workspaceId)
  const items = drafts.data?.items ?? []
  if (items.length === 0) return null
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="drafts-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="drafts-title">
          Drafts
        </Title>
        <List size="sm" spacing={6} listStyleType="none">
          {items.map((post) => {
            const words =
              (post.text ?? post.variants[0]?.text ?? '').trim().replace(/\s+/g, ' ') ||
              'An empty draft'
            return (
              <List.Item key={post.id}>
                {post.id === open ? (
                  <Text size="sm" fw={600} lineClamp={1}>
                    Open: {words}
                  </Text>
                ) : (
                  <Link to={composePath(workspaceId, post.id)} size="sm" lineClamp={1}>
                    {words}
                  </Link>
                )}
                <Text size="xs" c="dimmed">
                  Written {formatDateTime(post.createdAt)}
                </Text>
              </List.Item>
            )
          })}
        </List>
      </Stack>
    </Card>
  )
}
