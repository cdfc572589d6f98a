import { eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { users } from '../schema/index.ts'

export async function findUser(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId))
  return user
}
