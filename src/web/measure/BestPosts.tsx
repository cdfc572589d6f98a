import { Badge, Group, Paper, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../components/format-date.ts'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { metricWords } from './MeasureCharts.tsx'
import type { MeasureReport } from './measure-queries.ts'

/** The period's best variants by the chosen measure, each opening its post. */
export function BestPosts({ report }: { report: MeasureReport }) {
  const { workspace } = useWorkspace()
  if (report.top.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No post of this period has {metricWords(report.metric)} yet.
      </Text>
    )
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
      {report.top.map((post) => (
        <Paper key={`${post.postId}:${post.accountId}`} withBorder p="sm" component="li">
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Link
                to={`/w/${workspace.id}/posts/${post.postId}`}
                size="sm"
                fw={600}
                lineClamp={2}
                style={{ overflowWrap: 'anywhere' }}
              >
                {post.text || 'A post without text'}
              </Link>
              <Text size="xs" c="dimmed">
                {post.handle} · {formatDateTime(post.publishedAt)}
                {post.deleted ? ' · deleted on the network' : ''}
              </Text>
            </Stack>
            <Badge variant="light" color="orange" style={{ flexShrink: 0 }}>
              {post[report.metric]} {metricWords(report.metric)}
            </Badge>
          </Group>
          <Text size="xs" mt={4}>
            {post.conversations} conversations · {post.people} people · {post.replies} replies (
            {post.answered} answered) · {post.reposts} reposts · {post.likes} likes
          </Text>
        </Paper>
      ))}
    </Stack>
  )
}
