import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { consoleApiTypes, SCHEMA_FILE } from './console-api-types.ts';

it("the console's API types are those of the server's OpenAPI document (else: npm run api:types)", async () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  const current = await consoleApiTypes();
  expect(committed === current, 'web/console/src/api/schema.d.ts is out of date: run npm run api:types').toBe(true);
});
