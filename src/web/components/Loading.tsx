import { Center, Loader, Stack, Text } from '@mantine/core'

/** Something is on its way: a spinner, and words for those who cannot see it. */
export function Loading({ label, fullPage = false }: { label: string; fullPage?: boolean }) {
  return (
    <Center mih={fullPage ? '100dvh' : undefined} py="xl" role="status">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  )
}
