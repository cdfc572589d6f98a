import { CliError } from './cli-error.ts'

/** First-run setup of a running Sous, through its `POST /api/v1/setup`. */
export async function postSetup(
  url: string,
  input: { email: string; password: string; workspaceName: string; name?: string },
) {
  const base = url.replace(/\/$/, '')
  let res: Response
  try {
    res = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        email: input.email,
        password: input.password,
        workspace: input.workspaceName,
        ...(input.name ? { name: input.name } : {}),
      }),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    throw new CliError(
      `Sous holds the data folder but does not answer at ${base} (${cause}): set SOUS_PUBLIC_URL to where it listens`,
    )
  }
  const json = (await res.json().catch(() => ({}))) as {
    detail?: string
    user?: { email: string }
    workspace?: { id: string; name: string }
  }
  if (!res.ok || !json.user || !json.workspace)
    throw new CliError(json.detail ?? `Sous answered ${res.status}`)
  return { email: json.user.email, workspace: json.workspace }
}
