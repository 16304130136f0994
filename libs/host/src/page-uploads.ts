import { raw, type RequestHandler } from 'express';
import { problem } from '@ehc/http';

/** A file sent with a page's form, read as UTF-8 text (a CSV). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: number;
  text: string;
}

/** A multipart form as a page reads it: each field once (the first given), text or a file. */
export type UploadForm = Record<string, string | UploadedFile>;

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && typeof (value as UploadedFile).filename === 'string' && typeof (value as UploadedFile).text === 'string';

/**
 * A `multipart/form-data` body (a page's file upload), read to its end up to `limit` bytes (a larger
 * one is body-parser's 413, before more than the limit is held), then split into its fields by the
 * platform's own parser (the WHATWG `FormData` of Node's fetch). Any other type of body is left for
 * the parsers after it. The form is `req.body`: its CSRF token is checked by the page before the file
 * goes anywhere.
 */
export function multipartForm(limit: number): RequestHandler {
  const read = raw({ type: 'multipart/form-data', limit });
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    read(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) return next();
      readForm(body, String(req.headers['content-type'])).then((form) => {
        req.body = form;
        next();
      }, (fault: unknown) => next(problem(400, 'UnreadableBody', 'The request body could not be read', `not a well-formed multipart form: ${(fault as Error)?.message ?? String(fault)}`, {
        errors: [{ field: 'body', rule: 'UnreadableBody', message: 'not a well-formed multipart form' }],
      })));
    });
  };
}

async function readForm(body: Buffer, contentType: string): Promise<UploadForm> {
  const data = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  // no prototype: a field named __proto__ or constructor is only a field
  const form: UploadForm = Object.create(null) as UploadForm;
  for (const [name, value] of data) {
    if (Object.hasOwn(form, name)) continue;
    form[name] = typeof value === 'string' ? value
      : { filename: value.name, contentType: value.type, bytes: value.size, text: await value.text() };
  }
  return form;
}
