import { Code, Table, Text } from '@mantine/core'
import { QUERY_LIMITS } from '../../core/listen/query-limits.ts'

const SYNTAX: Array<[string, string]> = [
  ['bakery', 'the word, in any case and with or without accents'],
  ['"sous bakery"', 'the words next to each other, in this order'],
  ['bak*', `words starting with bak (at least ${QUERY_LIMITS.minWildcardPrefix} letters first)`],
  ['#sourdough', 'the hashtag'],
  ['@sous.bsky.social', 'posts mentioning that handle'],
  ['from:sous.bsky.social', 'posts by that handle'],
  ['lang:de', 'posts in that language'],
  ['bread butter', 'both words (the same as bread AND butter)'],
  ['bread OR rolls', 'either word'],
  ['bread -hiring', 'bread, but not posts with hiring (also NOT hiring)'],
  ['(late OR slow) delivery', 'parentheses group'],
  [
    'late NEAR/3 order*',
    `within 3 words of each other, either order (at most ${QUERY_LIMITS.maxNearDistance})`,
  ],
  ['late ONEAR/3 order', 'within 3 words, in this order'],
]

/** The query language at a glance, each line an example a person can copy. */
export function QueryHelp() {
  return (
    <>
      <Table verticalSpacing={4} fz="sm" aria-label="Query syntax">
        <Table.Tbody>
          {SYNTAX.map(([example, meaning]) => (
            <Table.Tr key={example}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Code>{example}</Code>
              </Table.Td>
              <Table.Td>{meaning}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        AND, OR, NOT, NEAR and ONEAR are operators only in capitals. A query holds at most{' '}
        {QUERY_LIMITS.maxLength.toLocaleString()} characters and {QUERY_LIMITS.maxTerms} terms.
      </Text>
    </>
  )
}
