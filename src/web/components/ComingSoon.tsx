import { EmptyState, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { PageHeader } from './PageHeader.tsx'

/**
 * A page that is not built yet: it says so plainly, and what a person can do meanwhile
 * (usually through the API or `sous`), instead of pretending to be empty.
 */
export function ComingSoon({
  title,
  description,
  meanwhile,
  children,
}: {
  title: string
  description: string
  meanwhile: ReactNode
  children?: ReactNode
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {children}
      <EmptyState
        title="This page is coming"
        description={<Text span>Meanwhile: {meanwhile}</Text>}
        withIndicatorBackground
        icon={<span aria-hidden>🥣</span>}
        py="xl"
      />
    </>
  )
}
