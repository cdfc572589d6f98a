import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Image,
  List,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { countText } from '../../core/text/count-text.ts'
import type { Account } from '../accounts/account-queries.ts'
import type { LinkPreview } from './compose-queries.ts'
import { type Draft, networkName, segmentsOf } from './compose-state.ts'
import { highlight } from './highlight.ts'

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
}: {
  account: Account
  draft: Draft
  problems: string[]
  serverProblem: string | undefined
  link: LinkPreview | null
  onEdit: (segments: string[]) => void
  onFollowIdea: () => void
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
                <Text size="sm" c={counted.over ? 'red.8' : 'dimmed'} aria-live="polite">
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
        <Preview account={account} segments={segments} draft={draft} link={link} />
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

const COLORS = { link: 'blue.8', mention: 'violet.8', tag: 'teal.9' } as const

/** Close to how the network will show it: name, handle, the text with its links, images, card. */
function Preview({
  account,
  segments,
  draft,
  link,
}: {
  account: Account
  segments: string[]
  draft: Draft
  link: LinkPreview | null
}) {
  const rule = account.limits?.text
  const images = draft.images.filter((i) => i.media)
  return (
    <Stack gap={6} aria-label={`Preview on ${networkName(account.network)}`} role="region">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        Preview on {networkName(account.network)}
      </Text>
      {segments.map((text, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one preview per thread post
        <Card key={index} bg="var(--mantine-color-default-hover)" padding="sm" radius="md">
          <Group gap={6} mb={4} wrap="nowrap">
            <Text size="sm" fw={700} truncate>
              {account.displayName || account.handle}
            </Text>
            <Text size="sm" c="dimmed" truncate>
              @{account.handle}
            </Text>
          </Group>
          {index === 0 && draft.contentWarning && account.limits?.contentWarnings && (
            <Text size="sm" fw={600}>
              CW: {draft.contentWarning}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {rule
              ? highlight(text, rule).map((piece, i) =>
                  piece.kind === 'text' ? (
                    piece.text
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
                    <Text span key={i} c={COLORS[piece.kind]} fw={500} inherit>
                      {piece.text}
                    </Text>
                  ),
                )
              : text}
          </Text>
          {index === 0 && images.length > 0 && (
            <Group gap={4} mt={6} grow>
              {images.map((image) => (
                <Image
                  key={image.key}
                  src={image.previewUrl}
                  alt={image.altText}
                  h={96}
                  fit="cover"
                  radius="sm"
                />
              ))}
            </Group>
          )}
          {index === 0 && link && images.length === 0 && (
            <Card withBorder padding="xs" mt={6} radius="md">
              {link.image && (
                <Image src={link.image.dataUrl} alt="" h={96} fit="cover" radius="sm" />
              )}
              <Text size="sm" fw={600} lineClamp={2}>
                {link.title ?? link.url}
              </Text>
              {link.description && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {link.description}
                </Text>
              )}
              <Text size="xs" c="dimmed" truncate>
                {new URL(link.url).host}
              </Text>
            </Card>
          )}
        </Card>
      ))}
    </Stack>
  )
}
