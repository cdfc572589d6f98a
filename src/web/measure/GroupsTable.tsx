import { Badge, Stack, Table, Text } from '@mantine/core'
import { formatDuration } from '../components/format-date.ts'
import { groupWords } from './approach-words.ts'
import { formatMean, metricWords } from './MeasureCharts.tsx'
import type { MeasureGroup, MeasureReport } from './measure-queries.ts'

const VERDICTS: Record<MeasureGroup['comparison']['verdict'], { words: string; color: string }> = {
  better: { words: 'More', color: 'green' },
  worse: { words: 'Fewer', color: 'red' },
  unclear: { words: 'No clear difference', color: 'gray' },
  not_enough_posts: { words: 'Not enough posts yet', color: 'yellow' },
}

/** Each group's totals and its comparison in words, as the API states it. */
export function GroupsTable({
  report,
}: {
  report: Pick<MeasureReport, 'by' | 'metric' | 'groups'>
}) {
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table verticalSpacing="xs" aria-label={`By ${report.by}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{report.by.charAt(0).toUpperCase() + report.by.slice(1)}</Table.Th>
            <Table.Th>Posts</Table.Th>
            <Table.Th>Conversations</Table.Th>
            <Table.Th>People</Table.Th>
            <Table.Th>Answered</Table.Th>
            <Table.Th>First answer (median)</Table.Th>
            <Table.Th>{metricWords(report.metric)} per post</Table.Th>
            <Table.Th>Against the other posts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.groups.map((g) => {
            const verdict = VERDICTS[g.comparison.verdict]
            return (
              <Table.Tr key={g.key}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{groupWords(report.by, g)}</Table.Td>
                <Table.Td>{g.posts}</Table.Td>
                <Table.Td>{g.totals.conversations}</Table.Td>
                <Table.Td>{g.totals.people}</Table.Td>
                <Table.Td>
                  {g.totals.answered} of {g.totals.replies}
                </Table.Td>
                <Table.Td>
                  {g.medianFirstResponseSeconds === null
                    ? '—'
                    : formatDuration(g.medianFirstResponseSeconds)}
                </Table.Td>
                <Table.Td>
                  {formatMean(g.comparison.mean)} (others {formatMean(g.comparison.otherMean)})
                </Table.Td>
                <Table.Td miw={220}>
                  <Stack gap={2}>
                    <Badge size="sm" variant="light" color={verdict.color}>
                      {verdict.words}
                    </Badge>
                    <Text size="xs">{g.comparison.statement}</Text>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
