import { addBusinessMs, type BusinessHours, businessMsBetween } from './business-time.ts'

export type ResponseClock = {
  /** Business time the message has waited for its first answer (or waited until it got one). */
  waitedMs: number
  dueAt: number
  overdue: boolean
}

/** How long a message has waited against the workspace's first-response target, in business time. */
export function responseClock(
  item: { createdAt: number; firstResponseAt: number | null; status: string },
  settings: { businessHours: BusinessHours; firstResponseTargetMinutes: number },
  now: number,
): ResponseClock {
  const until = item.firstResponseAt ?? now
  const waitedMs = businessMsBetween(settings.businessHours, item.createdAt, until)
  const dueAt = addBusinessMs(
    settings.businessHours,
    item.createdAt,
    settings.firstResponseTargetMinutes * 60_000,
  )
  const answered = item.firstResponseAt !== null || item.status === 'done'
  return { waitedMs, dueAt, overdue: !answered && now > dueAt }
}
