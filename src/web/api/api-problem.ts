import { describeProblem } from '../../client/create-api-client.ts'

export type FieldProblem = { field: string; message: string }

/**
 * A refusal from the API as a person should read it: the server's `detail`, each field's
 * message, and for 429 how long to wait. Every query and mutation throws only this.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail)
    this.name = 'ApiProblem'
  }

  static fromResponse(error: unknown, response: Response): ApiProblem {
    const { detail, fields } = describeProblem(error, response.status)
    const retryAfter = Number(response.headers.get('retry-after'))
    return new ApiProblem(
      response.status,
      detail,
      fields,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    )
  }

  /** No answer at all: Sous is down or the network is. Whether a write happened is unknown. */
  static unreachable(): ApiProblem {
    return new ApiProblem(
      0,
      'Sous did not answer. Check that it is running and that you are online, then try again.',
    )
  }

  /** The message for one field, capitalised to stand on its own next to the input. */
  fieldMessage(field: string): string | undefined {
    const message = this.fields.find((f) => f.field === field)?.message
    return message ? message.charAt(0).toUpperCase() + message.slice(1) : undefined
  }
}

/** The problem behind an error, or null when there is none. */
export function asProblem(error: unknown): ApiProblem | null {
  if (!error) return null
  if (error instanceof ApiProblem) return error
  return new ApiProblem(0, error instanceof Error ? error.message : String(error))
}
