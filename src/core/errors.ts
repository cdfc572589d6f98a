/** Domain errors carry a stable `code`; the server maps codes to HTTP problems, domain code never sees HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found`)
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Log in or send a valid API token') {
    super('unauthenticated', message)
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message)
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message)
  }
}

/** Input that is well-formed but cannot be accepted; `fields` says which and why. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super('invalid_input', message)
  }
}

export class ThrottledError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('throttled', message)
  }
}
