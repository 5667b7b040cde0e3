/**
 * Types the API client (src/client) from the app's OpenAPI document: `npm run generate:client` writes
 * src/client/openapi.d.ts; test/cli/client-types.test.ts fails while the committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../src/api/openapi-document';

export const CLIENT_TYPES_FILE = fileURLToPath(new URL('../src/client/openapi.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run generate:client\` (scripts/generate-client.ts): do not edit.
 * test/cli/client-types.test.ts fails when it no longer matches the API.
 */

`;

/** The text of src/client/openapi.d.ts for the API as it is now. */
export async function clientTypes(): Promise<string> {
  const doc = await openApiDocument();
  return HEADER + astToString(await openapiTS(doc as never, { alphabetize: false }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(CLIENT_TYPES_FILE, await clientTypes());
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
}
