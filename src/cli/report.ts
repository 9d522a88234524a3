// The one place that turns outcomes into printed lines and exit codes.
import { StetError, type StetErrorCode } from '../errors.js';

export const EXIT_OK = 0;
/** Some inputs failed; the others completed. */
export const EXIT_SOME_FAILED = 1;
/** Bad usage or configuration, or nothing could be done at all. */
export const EXIT_USAGE = 2;

const CONFIGURATION_CODES: ReadonlySet<StetErrorCode> = new Set([
  'config.invalid',
  'sources.invalid',
]);

export type InputStatus = 'new' | 'updated' | 'unchanged' | 'suspect' | 'failed';

/** `status  subject  [reason]`, the line printed for every input. */
export function statusLine(status: InputStatus, subject: string, reason?: string): string {
  return reason === undefined ? `${status}  ${subject}` : `${status}  ${subject}  ${reason}`;
}

/** The one-line cause of a failure: `code: message` for our errors, the message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof StetError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message.replace(/\s+/g, ' ').trim();
  return String(error);
}

export function subjectOf(error: unknown, fallback: string): string {
  return error instanceof StetError ? error.subject : fallback;
}

export function exitCodeForError(error: unknown): number {
  return error instanceof StetError && CONFIGURATION_CODES.has(error.code)
    ? EXIT_USAGE
    : EXIT_SOME_FAILED;
}
