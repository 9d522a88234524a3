// Typed errors. Every failure the user can see is a StetError: a stable code, the input it
// concerns (URL or path) and a one-line message. The CLI prints `failed  <subject>  <message>`
// and picks the exit code in one place (src/cli/report.ts).

export type StetErrorCode =
  | 'input.invalid'
  | 'input.read'
  | 'fetch.network'
  | 'fetch.timeout'
  | 'fetch.http'
  | 'fetch.redirect'
  | 'fetch.protocol'
  | 'fetch.content-type'
  | 'fetch.too-large'
  | 'fetch.empty'
  | 'decode.charset'
  | 'parse.html'
  | 'extract.empty'
  | 'store.path'
  | 'store.write'
  | 'store.git'
  | 'store.lock'
  | 'store.not-found'
  | 'store.suspect'
  | 'config.invalid'
  | 'sources.invalid'
  | 'capture.robots'
  | 'capture.push';

export class StetError extends Error {
  override readonly name = 'StetError';
  readonly code: StetErrorCode;
  /** The URL, file path or "-" the error is about. */
  readonly subject: string;
  /** HTTP status, when the error came from a response. */
  readonly status: number | undefined;

  constructor(
    code: StetErrorCode,
    subject: string,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(oneLine(message), { cause: options.cause });
    this.code = code;
    this.subject = subject;
    this.status = options.status;
  }
}

export function isStetError(error: unknown): error is StetError {
  return error instanceof StetError;
}

/** Wraps anything thrown into a StetError for `subject`, keeping the original as `cause`. */
export function toStetError(error: unknown, subject: string, code: StetErrorCode): StetError {
  if (error instanceof StetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StetError(code, subject, message, { cause: error });
}

/** Error messages are printed on one line; collapse whatever a library put in them. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
