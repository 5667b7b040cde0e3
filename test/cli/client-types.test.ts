/** The client's types (src/client/openapi.d.ts) are generated from the API's OpenAPI document and kept in step. */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { CLIENT_TYPES_FILE, clientTypes } from '../../scripts/generate-client';

test('src/client/openapi.d.ts is what the API documents now', async () => {
  const [committed, current] = await Promise.all([readFile(CLIENT_TYPES_FILE, 'utf8'), clientTypes()]);
  // Not toEqual: a 7,000-line diff says less than the fix.
  expect(committed === current, 'src/client/openapi.d.ts is stale: run `npm run generate:client` and commit the result').toBe(true);
});
