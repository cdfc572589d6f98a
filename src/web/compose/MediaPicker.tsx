import {
  Button,
  CloseButton,
  Group,
  Image,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { useRef } from 'react'
import { asProblem } from '../api/api-problem.ts'
import { uploadMedia, useAltText } from './compose-queries.ts'
import type { ImageDraft } from './compose-state.ts'

/** Images for the post: uploaded with progress, each with its alt text (asked for, not optional). */
export function MediaPicker({
  workspaceId,
  images,
  onChange,
  label = 'Images to attach',
  button = 'Add images',
}: {
  workspaceId: string
  images: ImageDraft[]
  /** Names the file input (and the button says it): one picker per post of a thread. */
  label?: string
  button?: string
  onChange: (update: (images: ImageDraft[]) => ImageDraft[]) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const altText = useAltText(workspaceId)
  const patch = (key: string, change: Partial<ImageDraft>) =>
    onChange((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)))

  const add = (files: FileList | null) => {
    for (const file of files ?? []) {
      const key = crypto.randomUUID()
      onChange((all) => [
        ...all,
        {
          key,
          name: file.name,
          previewUrl: URL.createObjectURL(file),
          progress: 0,
          media: null,
          altText: '',
          error: null,
        },
      ])
      uploadMedia(workspaceId, file, (progress) => patch(key, { progress }))
        .then((media) =>
          patch(key, {
            progress: 1,
            media: { id: media.id, mimeType: media.mimeType, size: media.size },
          }),
        )
        .catch((error) => patch(key, { error: asProblem(error)?.detail ?? 'The upload failed' }))
    }
  }

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => input.current?.click()}>
          {button}
        </Button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          multiple
          hidden
          aria-label={label}
          onChange={(event) => {
            add(event.currentTarget.files)
            event.currentTarget.value = ''
          }}
        />
      </Group>
      {images.map((image) => (
        <Paper key={image.key} withBorder p="sm">
          <Group align="flex-start" wrap="nowrap" gap="sm">
            <Image src={image.previewUrl} alt="" w={72} h={72} fit="cover" radius="sm" />
            <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" truncate>
                  {image.name}
                </Text>
                <CloseButton
                  aria-label={`Remove ${image.name}`}
                  onClick={() => onChange((all) => all.filter((i) => i.key !== image.key))}
                />
              </Group>
              {!image.media && !image.error && (
                <Progress
                  value={image.progress * 100}
                  aria-label={`Uploading ${image.name}`}
                  size="sm"
                />
              )}
              {image.error && (
                <Text size="sm" c="red" role="alert">
                  {image.error}
                </Text>
              )}
              <Textarea
                label={`Alt text for ${image.name}`}
                description="Describe the image for people who cannot see it"
                required
                autosize
                minRows={1}
                value={image.altText}
                error={
                  altText.variables?.id === image.media?.id
                    ? asProblem(altText.error)?.detail
                    : undefined
                }
                onChange={(event) => patch(image.key, { altText: event.currentTarget.value })}
                onBlur={() => {
                  if (image.media) altText.mutate({ id: image.media.id, altText: image.altText })
                }}
              />
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  )
}
