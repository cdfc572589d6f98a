import { Card, Group, Image, Stack, Text } from '@mantine/core'
import type { Account } from '../accounts/account-queries.ts'
import type { LinkPreview } from './compose-queries.ts'
import { type Draft, imagesOf, networkName } from './compose-state.ts'
import { highlight } from './highlight.ts'

const COLORS = { link: 'blue', mention: 'violet', tag: 'teal' } as const

/** Close to how the network will show it: name, handle, the text with its links, images, card. */
export function VariantPreview({
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
  const images = imagesOf(draft, account.id).map((own) => own.filter((i) => i.media))
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
          {(images[index]?.length ?? 0) > 0 && (
            <Group gap={4} mt={6} grow>
              {images[index]?.map((image) => (
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
          {index === 0 && link && (images[0]?.length ?? 0) === 0 && (
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
