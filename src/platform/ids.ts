import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): made by the app, so a record's id is known before it is stored, and
 * not enumerable from one another. */
export function newId(): string {
  return v7();
}
