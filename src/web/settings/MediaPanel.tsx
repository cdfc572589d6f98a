import {
  Badge,
  Button,
  Card,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { mediaContentPath } from '../api/media-path.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type MediaItem, useDeleteMedia, useMedia, useSetAltText } from './settings-queries.ts'

/** The workspace's images with their alt-text status; alt text is set here, unused ones removed. */
export function MediaPanel() {
  const { workspace } = useWorkspace()
  const media = useMedia(workspace.id)
  const items = media.data?.pages.flatMap((p) => p.items) ?? []
  const missing = items.filter((m) => !m.altText.trim()).length

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Media library
      </Title>
      {media.isPending && <Loading label="Loading the media…" />}
      <ProblemAlert error={media.error} />
      {media.isSuccess && items.length === 0 && (
        <Text size="sm">
          No images yet: images added to a post in Compose are kept here for reuse.
        </Text>
      )}
      {missing > 0 && (
        <Text size="sm" fw={600}>
          {missing} {missing === 1 ? 'image has' : 'images have'} no alt text yet.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((item) => (
          <MediaCard key={item.id} item={item} />
        ))}
      </SimpleGrid>
      {media.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          loading={media.isFetchingNextPage}
          onClick={() => media.fetchNextPage()}
        >
          Load older images
        </Button>
      )}
    </Stack>
  )
}

function MediaCard({ item }: { item: MediaItem }) {
  const { workspace } = useWorkspace()
  const setAlt = useSetAltText(workspace.id)
  const remove = useDeleteMedia(workspace.id)
  const [alt, setAltDraft] = useState(item.altText)
  const hasAlt = item.altText.trim().length > 0

  return (
    <Card withBorder padding="sm">
      <Card.Section>
        <Image
          src={mediaContentPath(workspace.id, item.id)}
          alt={item.altText}
          h={160}
          fit="contain"
        />
      </Card.Section>
      <Stack gap="xs" mt="sm">
        <Group gap="xs">
          <Badge color={hasAlt ? 'green' : 'red'} variant="light">
            {hasAlt ? 'Alt text' : 'No alt text'}
          </Badge>
          <Text size="xs" c="dimmed">
            {item.usedBy.length === 0
              ? 'In no post'
              : `In ${item.usedBy.length} ${item.usedBy.length === 1 ? 'post' : 'posts'}`}
          </Text>
        </Group>
        <Textarea
          label="Alt text"
          description="What the image shows, for people who cannot see it"
          value={alt}
          onChange={(e) => setAltDraft(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        <ProblemAlert error={setAlt.error} />
        <ProblemAlert error={remove.error} title="It was not removed" />
        <Group gap="xs">
          <Button
            size="xs"
            disabled={alt === item.altText}
            loading={setAlt.isPending}
            onClick={() => setAlt.mutate({ id: item.id, altText: alt })}
          >
            Save alt text
          </Button>
          {item.usedBy.length === 0 && (
            <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(item.id)}>
              Remove
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  )
}
