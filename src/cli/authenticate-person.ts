import { eq } from 'drizzle-orm'
import { WRONG_CREDENTIALS } from '../commands/log-in.ts'
import { UnauthenticatedError } from '../core/errors.ts'
import { verifyPassword } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { users } from '../store/schema/index.ts'

/** The person with this email and password; the CLI acts as them, like a login does. */
export async function authenticatePerson(db: Db, email: string, password: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1)
  if (!(await verifyPassword(user?.passwordHash, password)) || !user)
    throw new UnauthenticatedError(WRONG_CREDENTIALS)
  return user
}
