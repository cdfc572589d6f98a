import type { Db } from '../store/connect.ts'
import { listWorkspacesForUser } from '../store/queries/list-workspaces-for-user.ts'
import { CliError } from './cli-error.ts'

/** One of the person's workspaces, by id or by name (case-insensitive). */
export async function findWorkspace(db: Db, userId: string, idOrName: string) {
  const mine = (await listWorkspacesForUser(db, userId)).map((row) => row.workspace)
  const byId = mine.find((workspace) => workspace.id === idOrName)
  if (byId) return byId
  const wanted = idOrName.trim().toLowerCase()
  const byName = mine.filter((workspace) => workspace.name.toLowerCase() === wanted)
  if (byName.length === 1 && byName[0]) return byName[0]
  if (byName.length > 1) {
    const ids = byName.map((workspace) => workspace.id).join(', ')
    throw new CliError(`Several of your workspaces are named "${idOrName}": pass an id (${ids})`)
  }
  const yours = mine.map((workspace) => `"${workspace.name}" (${workspace.id})`).join(', ')
  throw new CliError(
    `You have no workspace "${idOrName}"${yours ? `; yours: ${yours}` : ' (you are in no workspace)'}`,
  )
}
