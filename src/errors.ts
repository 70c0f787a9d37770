/**
 * Every error the API answers with, in one table. Code raises errors by code;
 * the client receives `{"error": {"code", "message", "param"?}}`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { QuerySyntaxError } from './query/parse'
import { IndexUnavailableError } from './store/cache'

export const ERROR_STATUS = {
  /** A required parameter is absent or empty. */
  missing_parameter: 400,
  /** A parameter has a value outside what it accepts. */
  invalid_parameter: 400,
  /** `q` parses to nothing searchable (only exclusions, no words, a too-short prefix). */
  invalid_query: 400,
  /** No document has the id asked for. */
  unknown_document: 404,
  /** No person of the volumes' lists has the id asked for. */
  unknown_person: 404,
  /** No route at this path. */
  not_found: 404,
  /** A route at this path, but not for this method (the `Allow` header lists those it answers). */
  method_not_allowed: 405,
  /** The index files are missing or of another format: the deployment is broken. */
  index_unavailable: 503,
  /** A bug: the message is generic, the details are logged. */
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export interface ErrorBody {
  error: { code: ErrorCode; message: string; param?: string }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message)
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code]
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.param !== undefined && { param: this.param }) } }
  }
}

/** Any error as the API answers it: an ApiError as it is, those of the layers below by their kind, anything else a logged 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof QuerySyntaxError) return new ApiError('invalid_query', err.message, 'q')
  if (err instanceof IndexUnavailableError) return new ApiError('index_unavailable', err.message)
  console.error('folio: unhandled error', err)
  return new ApiError('internal', 'internal error; it has been logged')
}
