import { ConflictError, InvalidInputError } from '../core/errors.ts'
import { campaignPeriodProblem, utmCampaignTag } from '../core/measure/campaign-rules.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { campaigns } from '../store/schema/index.ts'

export type CampaignInput = {
  name: string
  goal?: string
  startsAt: Date
  endsAt: Date
  utmCampaign?: string
  colour: string
}

/** A campaign: posts grouped toward one goal, with its own UTM campaign tag (unique in the workspace). */
export async function createCampaign(
  db: Db,
  input: CampaignInput & { workspaceId: string; userId: string; ip?: string },
) {
  const problem = campaignPeriodProblem(input.startsAt, input.endsAt)
  if (problem)
    throw new InvalidInputError('The campaign ends before it starts', {
      [problem.field]: problem.message,
    })
  const utmCampaign = utmCampaignTag(input.utmCampaign ?? input.name)
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        workspaceId: input.workspaceId,
        name: input.name,
        goal: input.goal ?? '',
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        utmCampaign,
        colour: input.colour,
        createdBy: input.userId,
      })
      .onConflictDoNothing()
      .returning()
    if (!campaign)
      throw new ConflictError(`Another campaign already uses the UTM campaign tag "${utmCampaign}"`)
    await recordAudit(tx, {
      action: 'campaign.created',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'campaign',
      targetId: campaign.id,
      data: { name: campaign.name, utmCampaign },
      ip: input.ip,
    })
    return campaign
  })
}
