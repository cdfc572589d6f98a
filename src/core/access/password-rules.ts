/** The shortest password Sous accepts; the web UI says it before anyone types. */
export const MIN_PASSWORD_LENGTH = 10
