import { InvalidInputError } from '../core/errors.ts'
import type { BusinessHours } from '../core/inbox/business-time.ts'
import { isValidTimeZone } from '../core/schedule/queue-slots.ts'
import type { Database } from '../store/connect.ts'
import type { InboxSettings } from '../store/queries/inbox-settings.ts'
import { recordAudit } from '../store/record-audit.ts'
import { inboxSettings } from '../store/schema/index.ts'

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** Business hours in the workspace's zone, the first-response target, the public feedback link; audited. */
export async function saveInboxSettings(
  database: Database,
  input: { workspaceId: string; userId: string; settings: InboxSettings; ip?: string },
) {
  const { settings } = input
  const fields: Record<string, string> = {}
  const hours: BusinessHours = settings.businessHours
  if (!isValidTimeZone(hours.timeZone))
    fields['businessHours.timeZone'] = 'an IANA time zone, e.g. Europe/Berlin'
  hours.windows.forEach((w, i) => {
    if (
      !TIME.test(w.open) ||
      !TIME.test(w.close) ||
      w.close <= w.open ||
      w.weekday < 1 ||
      w.weekday > 7
    )
      fields[`businessHours.windows.${i}`] = 'weekday 1–7 and open before close, as HH:MM'
  })
  if (settings.feedbackEnabled && !settings.feedbackSlug)
    fields.feedbackSlug = 'choose the link’s name to turn the feedback form on'
  if (Object.keys(fields).length)
    throw new InvalidInputError('These settings cannot be saved', fields)
  const values = { ...settings, updatedAt: new Date() }
  await database.db.transaction(async (tx) => {
    await tx
      .insert(inboxSettings)
      .values({ workspaceId: input.workspaceId, ...values })
      .onConflictDoUpdate({ target: inboxSettings.workspaceId, set: values })
      .catch((error: { code?: string; cause?: { code?: string } }) => {
        if ((error.code ?? error.cause?.code) === '23505')
          throw new InvalidInputError('That feedback link is taken', {
            feedbackSlug: 'taken by another workspace',
          })
        throw error
      })
    await recordAudit(tx, {
      action: 'inbox.settings_saved',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'workspace',
      targetId: input.workspaceId,
      data: { ...settings },
      ip: input.ip,
    })
  })
}
