import type { Db } from '../connect.ts'
import { users } from '../schema/index.ts'

/** A fresh instance has nobody in it yet; setup stays open until the first person exists. */
export async function instanceNeedsSetup(db: Db): Promise<boolean> {
  const [anyone] = await db.select({ id: users.id }).from(users).limit(1)
  return !anyone
}
