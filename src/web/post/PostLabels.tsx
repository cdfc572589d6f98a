import { Badge, ColorSwatch, Group, Text } from '@mantine/core'
import { Link } from '../components/router.tsx'
import { approachWords } from '../measure/approach-words.ts'
import { useCampaigns } from '../measure/measure-queries.ts'

/** The post's campaign and labels, as Measure groups it; nothing when none is set. */
export function PostLabels({
  workspaceId,
  post,
}: {
  workspaceId: string
  post: {
    campaignId: string | null
    topics: string[]
    approach: string | null
    clickTracking: boolean
  }
}) {
  const campaigns = useCampaigns(workspaceId).data?.items ?? []
  const campaign = campaigns.find((c) => c.id === post.campaignId)
  if (!post.campaignId && post.topics.length === 0 && !post.approach && !post.clickTracking)
    return null
  return (
    <Group gap="xs" mb="md" role="list" aria-label="Campaign and labels">
      {post.campaignId && (
        <Group gap={6} wrap="nowrap" role="listitem">
          <ColorSwatch size={12} color={campaign?.colour ?? 'gray'} aria-hidden />
          <Text size="sm">
            Campaign{' '}
            <Link
              underline="always"
              to={`/w/${workspaceId}/measure?tab=campaigns&campaign=${post.campaignId}`}
            >
              {campaign?.name ?? 'of this post'}
            </Link>
          </Text>
        </Group>
      )}
      {post.topics.map((topic) => (
        <Badge key={topic} variant="light" role="listitem">
          {topic}
        </Badge>
      ))}
      {post.approach && (
        <Badge variant="outline" role="listitem">
          {approachWords(post.approach)}
        </Badge>
      )}
      {post.clickTracking && (
        <Text size="sm" c="dimmed" role="listitem">
          Link clicks counted
        </Text>
      )}
    </Group>
  )
}
