import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { countText } from '../../core/text/count-text.ts'
import type { Account } from '../accounts/account-queries.ts'
import type { LinkPreview } from './compose-queries.ts'
import { type Draft, languageOf, networkName, segmentsOf } from './compose-state.ts'
import { languageOptions } from './languages.ts'
import { VariantPreview } from './VariantPreview.tsx'

const LANGUAGES = languageOptions()

const number = new Intl.NumberFormat('en')

/** One account's variant: its own text (following the idea until edited), counted and previewed. */
export function VariantCard({
  account,
  draft,
  problems,
  serverProblem,
  link,
  onEdit,
  onFollowIdea,
  onLanguage,
}: {
  account: Account
  draft: Draft
  problems: string[]
  serverProblem: string | undefined
  link: LinkPreview | null
  onEdit: (segments: string[]) => void
  onFollowIdea: () => void
  /** Its own language ('' for none said); the idea's when it is the same. */
  onLanguage: (language: string) => void
}) {
  const limits = account.limits
  const segments = segmentsOf(draft, account.id)
  const forked = account.id in draft.forks
  const label = `${account.handle} on ${networkName(account.network)}`
  return (
    <Card withBorder padding="md" role="group" aria-label={`Variant for ${label}`}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {label}
          </Text>
          {forked ? (
            <Button variant="subtle" size="compact-sm" onClick={onFollowIdea}>
              Follow the idea again
            </Button>
          ) : (
            <Badge variant="light" color="gray">
              Same as the idea
            </Badge>
          )}
        </Group>
        {segments.map((text, index) => {
          const counted = limits
            ? countText(
                limits.text,
                text,
                index === 0 && limits.contentWarnings
                  ? { contentWarning: draft.contentWarning || undefined }
                  : {},
              )
            : null
          const name = segments.length > 1 ? `Post ${index + 1} for ${label}` : `Text for ${label}`
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: thread posts are edited in place
            <Stack key={index} gap={4}>
              <Textarea
                label={name}
                autosize
                minRows={2}
                value={text}
                onChange={(event) =>
                  onEdit(segments.map((s, i) => (i === index ? event.currentTarget.value : s)))
                }
              />
              {counted && (
                <Text size="sm" c={counted.over ? 'red' : 'dimmed'} aria-live="polite">
                  {counted.remaining >= 0
                    ? `${number.format(counted.remaining)} left`
                    : `${number.format(-counted.remaining)} over`}
                  {limits?.text.kind === 'graphemes' && ` · ${number.format(counted.bytes)} bytes`}
                  {counted.links > 0 && ` · ${counted.links} link${counted.links > 1 ? 's' : ''}`}
                </Text>
              )}
            </Stack>
          )
        })}
        <Select
          label={`Language for ${label}`}
          placeholder="Not said"
          data={LANGUAGES}
          value={languageOf(draft, account.id) || null}
          onChange={(value) => onLanguage(value ?? '')}
          searchable
          clearable
          size="xs"
        />
        <VariantPreview account={account} segments={segments} draft={draft} link={link} />
        {(problems.length > 0 || serverProblem) && (
          <Alert
            color="red"
            variant="light"
            title={`Not ready for ${networkName(account.network)}`}
          >
            <List size="sm">
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
              {serverProblem && !problems.length && <List.Item>{serverProblem}</List.Item>}
            </List>
          </Alert>
        )}
      </Stack>
    </Card>
  )
}
