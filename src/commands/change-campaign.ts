import { and, eq } from 'drizzle-orm'
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import { campaignPeriodProblem, utmCampaignTag } from '../core/measure/campaign-rules.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { campaigns } from '../store/schema/index.ts'
import type { CampaignInput } from './create-campaign.ts'

/** Changes a campaign's name, goal, period, tag or colour; links already made keep their tags. */
export async function changeCampaign(
  db: Db,
  input: Partial<CampaignInput> & {
    workspaceId: string
    campaignId: string
    userId: string
    ip?: string
  },
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.workspaceId, input.workspaceId)))
      .for('update')
    if (!current) throw new NotFoundError('That campaign')
    const startsAt = input.startsAt ?? current.startsAt
    const endsAt = input.endsAt ?? current.endsAt
    const problem = campaignPeriodProblem(startsAt, endsAt)
    if (problem)
      throw new InvalidInputError('The campaign ends before it starts', {
        [problem.field]: problem.message,
      })
    const utmCampaign =
      input.utmCampaign !== undefined ? utmCampaignTag(input.utmCampaign) : current.utmCampaign
    const taken = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.utmCampaign, utmCampaign)),
      )
    if (taken.some((c) => c.id !== current.id))
      throw new ConflictError(`Another campaign already uses the UTM campaign tag "${utmCampaign}"`)
    const [campaign] = await tx
      .update(campaigns)
      .set({
        name: input.name ?? current.name,
        goal: input.goal ?? current.goal,
        startsAt,
        endsAt,
        utmCampaign,
        colour: input.colour ?? current.colour,
      })
      .where(eq(campaigns.id, current.id))
      .returning()
    if (!campaign) throw new Error('the campaign row vanished')
    await recordAudit(tx, {
      action: 'campaign.changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'campaign',
      targetId: campaign.id,
      data: Object.fromEntries(
        ['name', 'goal', 'startsAt', 'endsAt', 'utmCampaign', 'colour']
          .filter((k) => input[k as keyof typeof input] !== undefined)
          .map((k) => [k, true]),
      ),
      ip: input.ip,
    })
    return campaign
  })
}
