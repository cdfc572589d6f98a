import {
  Button,
  Card,
  Group,
  Image,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import type { Dispatch, SetStateAction } from 'react'
import { asProblem } from '../api/api-problem.ts'
import type { LinkPreview } from './compose-queries.ts'
import type { Draft, ImageDraft } from './compose-state.ts'
import { languageOptions } from './languages.ts'
import { MediaPicker } from './MediaPicker.tsx'

const LANGUAGES = languageOptions()

/** The idea as written once: each post of the thread with its own images, the warning, the language. */
export function IdeaCard({
  workspaceId,
  draft,
  setDraft,
  linkUrl,
  preview,
}: {
  workspaceId: string
  draft: Draft
  setDraft: Dispatch<SetStateAction<Draft>>
  linkUrl: string | null
  preview: { isPending: boolean; data: LinkPreview | undefined; error: unknown }
}) {
  const setText = (index: number, value: string) =>
    setDraft((d) => ({ ...d, segments: d.segments.map((s, i) => (i === index ? value : s)) }))
  const addPost = () =>
    setDraft((d) => ({ ...d, segments: [...d.segments, ''], images: [...d.images, []] }))
  // A thread post leaves with its images: the ones after it move up with their text.
  const removePost = (index: number) =>
    setDraft((d) => ({
      ...d,
      segments: d.segments.filter((_, i) => i !== index),
      images: d.images.filter((_, i) => i !== index),
    }))
  const changeImages = (index: number) => (update: (images: ImageDraft[]) => ImageDraft[]) =>
    setDraft((d) => ({
      ...d,
      images: d.segments.map((_, i) =>
        i === index ? update(d.images[i] ?? []) : (d.images[i] ?? []),
      ),
    }))
  const thread = draft.segments.length > 1

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          The idea
        </Title>
        {draft.segments.map((text, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: thread posts are edited in place
          <Stack key={index} gap="xs">
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                label={index === 0 ? 'Text' : `Post ${index + 1} of the thread`}
                autosize
                minRows={index === 0 ? 4 : 2}
                value={text}
                onChange={(event) => setText(index, event.currentTarget.value)}
              />
              {index > 0 && (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => removePost(index)}
                  aria-label={`Remove post ${index + 1} of the thread`}
                >
                  Remove
                </Button>
              )}
            </Group>
            <MediaPicker
              workspaceId={workspaceId}
              images={draft.images[index] ?? []}
              onChange={changeImages(index)}
              {...(index > 0
                ? {
                    label: `Images for post ${index + 1} of the thread`,
                    button: `Add images to post ${index + 1}`,
                  }
                : thread
                  ? { button: 'Add images to post 1' }
                  : {})}
            />
          </Stack>
        ))}
        <Group>
          <Button variant="default" onClick={addPost}>
            Add a post to the thread
          </Button>
        </Group>
        <TextInput
          label="Content warning"
          description="Shown before the text where the network has them (Mastodon)"
          value={draft.contentWarning}
          onChange={(event) => {
            const contentWarning = event.currentTarget.value
            setDraft((d) => ({ ...d, contentWarning }))
          }}
        />
        <Select
          label="Language"
          description="Said to the network, so people who read only some languages see it"
          placeholder="Not said"
          data={LANGUAGES}
          value={draft.language || null}
          onChange={(value) => setDraft((d) => ({ ...d, language: value ?? '' }))}
          searchable
          clearable
        />
        {linkUrl && (
          <Group gap="xs" wrap="nowrap" align="center">
            {preview.data?.image && (
              <Image
                src={preview.data.image.dataUrl}
                alt="The link card’s image"
                w={56}
                h={56}
                fit="cover"
                radius="sm"
                style={{ flexShrink: 0 }}
              />
            )}
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {preview.isPending
                ? 'Reading the link card…'
                : preview.data
                  ? `Link card: ${preview.data.title ?? preview.data.url}`
                  : draft.savedLink?.url === linkUrl
                    ? `Link card (as saved): ${draft.savedLink.title ?? linkUrl}`
                    : `No link card: ${asProblem(preview.error)?.detail ?? 'the page could not be read'}`}
            </Text>
          </Group>
        )}
      </Stack>
    </Card>
  )
}
