import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** The frame of the pages outside the workspace: setup, login, an invitation. */
export function CenteredCard({
  title,
  intro,
  children,
}: {
  title: string
  intro?: ReactNode
  children: ReactNode
}) {
  return (
    <Center mih="100dvh" p="md" component="main">
      <Box w="100%" maw={440}>
        <Text fw={700} c="sous" mb="xs" aria-hidden>
          Sous
        </Text>
        <Paper withBorder radius="md" p={{ base: 'md', xs: 'xl' }} shadow="xs">
          <Stack gap="md">
            <Title order={1} size="h2">
              {title}
            </Title>
            {intro && <Text c="dimmed">{intro}</Text>}
            {children}
          </Stack>
        </Paper>
      </Box>
    </Center>
  )
}
