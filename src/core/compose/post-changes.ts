import { type Role, roleAtLeast } from '../access/roles.ts'
import type { DeliveryState } from '../delivery/delivery-state.ts'

/**
 * Who may change a post once it exists: an editor or higher any post; a contributor only
 * their own, and only while it still waits for approval (an approved post is an editor's).
 */
export function mayChangePost(
  caller: { userId: string; role: Role },
  post: { createdBy: string | null; approval: 'not_needed' | 'pending' | 'approved' },
): boolean {
  if (roleAtLeast(caller.role, 'editor')) return true
  return post.createdBy === caller.userId && post.approval === 'pending'
}

export type DeliveryFacts = { state: DeliveryState; attempts: number; reconcile: boolean }

/**
 * A variant whose deliveries were never attempted can be moved, taken back to a draft or
 * rewritten: nothing of it can be on the network. One that was attempted keeps its publish
 * keys (an unknown outcome may still surface), so only review may decide about it.
 */
export function variantUntouched(deliveries: DeliveryFacts[]): boolean {
  return deliveries.every((d) => d.state === 'scheduled' && d.attempts === 0 && !d.reconcile)
}

export type ScheduleMode = 'at' | 'slot' | 'now'

/** Exactly one of at, slot or now; `at` in the future. Field problems, or the mode. */
export function readScheduleChoice(
  schedule: { at?: string; slot?: boolean; now?: boolean },
  now: Date,
): { mode: ScheduleMode; at?: Date } | { problems: Record<string, string> } {
  const chosen = [schedule.now, schedule.slot, schedule.at].filter(Boolean).length
  if (chosen !== 1) return { problems: { schedule: 'give exactly one of at, slot or now' } }
  if (schedule.now) return { mode: 'now' }
  if (schedule.slot) return { mode: 'slot' }
  const at = new Date(schedule.at ?? '')
  if (Number.isNaN(at.getTime())) return { problems: { 'schedule.at': 'not a date and time' } }
  if (at.getTime() <= now.getTime()) return { problems: { 'schedule.at': 'that time has passed' } }
  return { mode: 'at', at }
}
