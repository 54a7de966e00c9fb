/**
 * Errors with a stable code. Messages never carry credentials: anything that might hold a token goes
 * through `redact` first.
 */

/** PipwardenError is the base of every error pipwarden raises on purpose. */
export class PipwardenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(redact(message));
    this.name = new.target.name;
  }
}

/** UsageError is a wrong command line: exit code 2 and the usage text. */
export class UsageError extends PipwardenError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** redact removes basic-auth credentials from URLs and token-looking strings from a message. */
export function redact(message: string): string {
  return message
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(:[^/\s@]*)?@/gi, '$1***@')
    .replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***');
}

/**
 * HttpErrorKind says how a request failed: a non-success `status`, a `timeout`, a `network` failure
 * (DNS, connection reset), a body that is not JSON (`invalid-json`), or JSON of the wrong shape
 * (`invalid-response`).
 */
export type HttpErrorKind = 'status' | 'timeout' | 'network' | 'invalid-json' | 'invalid-response';

/**
 * HttpError is a request that failed for good (after any retries). It carries the method, the URL
 * (credentials redacted), the HTTP status when there was one, and how many attempts were made.
 */
export class HttpError extends PipwardenError {
  readonly url: string;

  constructor(
    readonly kind: HttpErrorKind,
    readonly method: string,
    url: string,
    readonly status: number | null,
    readonly attempts: number,
    detail: string,
  ) {
    const attemptsText = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super('http', `${method} ${redact(url)}: ${detail}${attemptsText}`);
    this.url = redact(url);
  }
}

/**
 * AdvisorySourceError is an advisory database that could not answer (the OSV API, the GitHub Advisory
 * Database, the offline database). The audit reports it as an error of that source — never as "no
 * vulnerabilities".
 */
export class AdvisorySourceError extends PipwardenError {
  constructor(
    readonly source: string,
    message: string,
    cause?: unknown,
  ) {
    super('advisory-source', `advisory source ${source}: ${message}`);
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * RegistryError is a package index that could not answer (PyPI's JSON API or Simple API, or a mirror):
 * unreachable, a server error, or a payload of the wrong shape. A project the index does not have is
 * not an error (the registry answers null). The audit reports it as an error; checks that needed the
 * answer skip that package rather than guess.
 */
export class RegistryError extends PipwardenError {
  /** The index's address, credentials redacted. */
  readonly index: string;

  constructor(index: string, message: string, cause?: unknown) {
    super('registry', `package index ${index}: ${message}`);
    this.index = redact(index);
    if (cause !== undefined) this.cause = cause;
  }
}
