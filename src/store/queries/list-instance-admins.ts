import { asc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { users } from '../schema/index.ts'

export async function listInstanceAdmins(db: Db) {
  return db.select().from(users).where(eq(users.instanceAdmin, true)).orderBy(asc(users.createdAt))
}
