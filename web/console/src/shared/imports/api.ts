import { answer, client, newId, uploadFile } from '../../api/client.ts';
import type { ResponseBody } from '../../api/types.ts';

/** An import of a filled-in form: running (its progress), completed, or rejected (its bad rows). */
export type Import = ResponseBody<'/imports/{id}', 'get'>;
export type ImportKind = Import['kind'];

/** The imports of filled-in forms, for the unit admin and the organizer alike. */
export const importsApi = {
  list: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/imports', { params: { query: { campaignId, unitId, limit: 20 } }, signal })),
  get: (id: string, signal?: AbortSignal) => answer(client.GET('/imports/{id}', { params: { path: { id } }, signal })),
};

/** The address of a form's empty template, to download. */
export function importTemplateHref(kind: ImportKind, format: 'xlsx' | 'csv', lang: 'zh-CN' | 'en-US'): string {
  return `/api/v1/imports/template?${new URLSearchParams({ kind, format, lang })}`;
}

/**
 * Sends a filled-in form to be imported and answers at once (Prefer: respond-async): the import
 * running (poll it), or the earlier import of the same file.
 */
export async function uploadImport(options: {
  campaignId: string;
  unitId: string;
  kind: ImportKind;
  file: File;
  csrfToken: string;
}): Promise<Import> {
  const query = new URLSearchParams({ campaignId: options.campaignId, unitId: options.unitId, kind: options.kind });
  return uploadFile<Import>(`/imports?${query}`, options.file, {
    ...options,
    idempotencyKey: newId(),
    headers: { prefer: 'respond-async' },
  });
}
