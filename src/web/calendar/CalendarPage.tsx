import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { type DragEvent, useState } from 'react'
import { useAccounts } from '../accounts/account-queries.ts'
import { type Brake, brakesOf, useEngagedBrakes } from '../brake/brake-queries.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useCampaigns } from '../measure/measure-queries.ts'
import { useReview } from '../review/review-queries.ts'
import { sectionPath } from '../shell/navigation.ts'
import { CalendarLegend } from './CalendarLegend.tsx'
import {
  addDays,
  type CalendarView,
  dayKey,
  describeRange,
  moveToDay,
  shiftAnchor,
  startOfDay,
  visibleDays,
} from './calendar-dates.ts'
import { type CalendarEntry, useCalendar, useReschedulePost } from './calendar-queries.ts'
import { EntryCard } from './EntryCard.tsx'
import { MoveForm } from './MoveForm.tsx'
import { useCalendarShortcuts } from './use-calendar-shortcuts.ts'

/**
 * What is due when, per account, on the reader's clock: a week or a month. A scheduled post
 * is dragged to another day (or moved with its Move button) and the server decides; what
 * the brake holds and what waits in Review is marked where it sits.
 */
export function CalendarPage() {
  const { workspace, may } = useWorkspace()
  const [view, setView] = useState<CalendarView>('week')
  const [anchor, setAnchor] = useState(() => startOfDay(new Date()))
  const days = visibleDays(view, anchor)
  const from = days[0] as Date
  const to = addDays(days.at(-1) as Date, 1)
  const calendar = useCalendar(workspace.id, from, to)
  const accounts = useAccounts(workspace.id)
  const review = useReview(workspace.id)
  const brakes = brakesOf(useEngagedBrakes().data?.items ?? [], workspace.id)
  const reschedule = useReschedulePost(workspace.id)
  const [dragging, setDragging] = useState<CalendarEntry | null>(null)
  const [moving, setMoving] = useState<CalendarEntry | null>(null)
  const mayMove = may('posts.compose')
  const campaigns = useCampaigns(workspace.id).data?.items ?? []
  const [campaignId, setCampaignId] = useState<string | null>(null)

  useCalendarShortcuts({
    show: setView,
    shift: (by) => setAnchor((a) => shiftAnchor(view, a, by)),
    today: () => setAnchor(startOfDay(new Date())),
  })

  const accountList = accounts.data?.items ?? []
  // A thread is one entry per segment; the calendar shows the post once, by its first.
  const entries = (calendar.data?.items ?? []).filter(
    (e) => e.segment === 0 && (!campaignId || e.campaignId === campaignId),
  )
  const byDay = new Map<string, CalendarEntry[]>()
  for (const entry of entries) {
    const key = dayKey(new Date(entry.dueAt))
    byDay.set(key, [...(byDay.get(key) ?? []), entry])
  }
  const waiting = review.data?.items.length ?? 0
  const today = dayKey(new Date())

  const drop = (day: Date) => {
    if (!dragging) return
    const at = moveToDay(new Date(dragging.dueAt), day)
    setDragging(null)
    if (at.getTime() === new Date(dragging.dueAt).getTime()) return
    reschedule.mutate({ postId: dragging.postId, at })
  }

  return (
    <>
      <PageHeader
        title="Calendar"
        description="Everything due, by day and account, on your clock. Drag a scheduled post to another day to move it."
        actions={
          <SegmentedControl
            aria-label="View"
            value={view}
            onChange={(value) => setView(value as CalendarView)}
            data={[
              { value: 'week', label: 'Week' },
              { value: 'month', label: 'Month' },
            ]}
          />
        }
      />

      <Stack gap="sm" mb="md">
        {brakes.length > 0 && <BrakeNote brakes={brakes} />}
        {waiting > 0 && (
          <Alert color="orange" variant="light" title={`${waiting} waiting in Review`}>
            Their time came while the brake was on, before approval, or while their account was
            held.{' '}
            <Link underline="always" to={sectionPath(workspace.id, 'review')}>
              Decide them in Review
            </Link>
            .
          </Alert>
        )}
        <ProblemAlert error={reschedule.error} title="The post was not moved" />
      </Stack>

      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => setAnchor((a) => shiftAnchor(view, a, -1))}
          >
            Previous
          </Button>
          <Button variant="default" size="xs" onClick={() => setAnchor(startOfDay(new Date()))}>
            Today
          </Button>
          <Button
            variant="default"
            size="xs"
            onClick={() => setAnchor((a) => shiftAnchor(view, a, 1))}
          >
            Next
          </Button>
        </Group>
        <Title order={2} size="h4" aria-live="polite">
          {describeRange(view, anchor)}
        </Title>
      </Group>

      <CalendarLegend
        accounts={accountList}
        campaigns={campaigns}
        campaignId={campaignId}
        onCampaign={setCampaignId}
      />

      {calendar.isPending ? (
        <Loading label="Loading the calendar…" />
      ) : calendar.isError ? (
        <ProblemAlert error={calendar.error} title="The calendar did not load" />
      ) : (
        <>
          {entries.length === 0 && (
            <Text c="dimmed" mb="sm">
              Nothing is due this {view}
              {campaignId ? ' in this campaign' : ''}.{' '}
              {accountList.length === 0 ? (
                <>
                  <Link underline="always" to={sectionPath(workspace.id, 'accounts')}>
                    Connect an account
                  </Link>
                  , then write a post.
                </>
              ) : (
                <>
                  <Link underline="always" to={sectionPath(workspace.id, 'compose')}>
                    Write a post
                  </Link>{' '}
                  or fill an account's{' '}
                  <Link underline="always" to={sectionPath(workspace.id, 'queues')}>
                    queue
                  </Link>
                  .
                </>
              )}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={4} verticalSpacing={4}>
            {days.map((day) => {
              const key = dayKey(day)
              const dayEntries = byDay.get(key) ?? []
              const outside = view === 'month' && day.getMonth() !== anchor.getMonth()
              return (
                <Paper
                  key={key}
                  withBorder
                  p={6}
                  mih={{ base: '3rem', sm: view === 'week' ? '12rem' : '6.5rem' }}
                  bg={key === today ? 'var(--mantine-color-sous-light)' : undefined}
                  // On a phone a month shows only its days with something on them.
                  visibleFrom={view === 'month' && dayEntries.length === 0 ? 'sm' : undefined}
                  aria-label={formatDateTime(day, { show: 'date' })}
                  component="section"
                  onDragOver={(event: DragEvent) => {
                    if (dragging) event.preventDefault()
                  }}
                  onDrop={(event: DragEvent) => {
                    event.preventDefault()
                    drop(day)
                  }}
                >
                  <Text
                    size="xs"
                    fw={key === today ? 700 : 500}
                    c={outside ? 'dimmed' : undefined}
                    mb={4}
                  >
                    {formatDateTime(day, { show: 'date' })}
                  </Text>
                  <Stack gap={4}>
                    {dayEntries.map((entry) => (
                      <EntryCard
                        key={entry.deliveryId}
                        entry={entry}
                        compact={view === 'month'}
                        accounts={accountList}
                        campaign={campaigns.find((c) => c.id === entry.campaignId)}
                        braked={isBraked(entry, brakes)}
                        movable={mayMove && entry.state === 'scheduled'}
                        onDragStart={() => {
                          reschedule.reset()
                          setDragging(entry)
                        }}
                        onDragEnd={() => setDragging(null)}
                        onMove={() => {
                          reschedule.reset()
                          setMoving(entry)
                        }}
                        reviewPath={sectionPath(workspace.id, 'review')}
                      />
                    ))}
                  </Stack>
                </Paper>
              )
            })}
          </SimpleGrid>
        </>
      )}

      <Modal opened={moving !== null} onClose={() => setMoving(null)} title="Move the post">
        {moving && (
          <MoveForm
            key={moving.deliveryId}
            entry={moving}
            pending={reschedule.isPending}
            error={reschedule.error}
            onCancel={() => setMoving(null)}
            onMove={(at) =>
              reschedule.mutate({ postId: moving.postId, at }, { onSuccess: () => setMoving(null) })
            }
          />
        )}
      </Modal>
    </>
  )
}

function isBraked(entry: CalendarEntry, brakes: Brake[]): boolean {
  return brakes.some((b) => b.scope !== 'account' || b.accountId === entry.accountId)
}

function BrakeNote({ brakes }: { brakes: Brake[] }) {
  return (
    <Alert color="red" variant="light" title="The brake is on">
      Posts marked “Brake” will not go out at their time: they wait in Review until someone decides
      each. {brakes.length > 1 ? `${brakes.length} brakes are engaged.` : ''}
    </Alert>
  )
}
