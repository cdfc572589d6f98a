import { InvalidInputError } from '../errors.ts'

export type QueryProblem =
  | 'syntax'
  | 'too_long'
  | 'too_many_terms'
  | 'too_deep'
  | 'near_distance'
  | 'wildcard'

/**
 * A query that cannot be saved. `position` is the 0-based offset in the query string (as
 * JavaScript indexes it) where the problem starts; `expected` says what would fit there.
 */
export class QueryError extends InvalidInputError {
  constructor(
    readonly problem: QueryProblem,
    readonly position: number,
    readonly expected: string,
    message: string,
  ) {
    super(message, { query: message })
  }
}
