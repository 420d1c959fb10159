import { AppError } from '../http/errors.ts';

/** A file that is not what it should be: 422 naming the file and the reason. */
export const documentError = (reason: string) =>
  new AppError(422, 'unprocessable', `file: ${reason}`, [{ field: 'file', reason }]);

/** A file of another kind than the route takes: 415 naming the file. */
export const unsupportedError = (reason: string) =>
  new AppError(415, 'unsupported_media_type', `file: ${reason}`, [{ field: 'file', reason }]);

/** A file that exceeds one of the reading limits: 413 naming what exceeded which limit. */
export const limitError = (reason: string) =>
  new AppError(413, 'payload_too_large', `file: ${reason}`, [{ field: 'file', reason }]);

/** An AppError as it crosses from a worker thread (structured clone keeps no class). */
export interface SerializedAppError {
  statusCode: number;
  code: string;
  message: string;
  details: { field: string; reason: string }[];
}

export const serializeAppError = (error: AppError): SerializedAppError => ({
  statusCode: error.statusCode,
  code: error.code,
  message: error.message,
  details: error.details,
});

export const deserializeAppError = (error: SerializedAppError) =>
  new AppError(error.statusCode, error.code, error.message, error.details);
