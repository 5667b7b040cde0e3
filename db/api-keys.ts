/** API keys, stored by the SHA-256 digest of the secret: the secret itself is never kept. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { apiKeys } from './schema';

export interface NewApiKey {
  id: string;
  name: string;
  role: string;
  sites: string[];
  keyHash: string;
}

export async function insertApiKey(db: Db, key: NewApiKey): Promise<void> {
  await db.insert(apiKeys).values(key);
}

/** Who holds the key stored under this digest, unless it is unknown or revoked. */
export async function findActiveKeyByDigest(db: Db, keyHash: string) {
  const [key] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, sites: apiKeys.sites })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return key;
}

/** Revokes a key that is not revoked yet; returns its digest, or undefined when there is no such key. */
export async function revokeApiKey(db: Db, id: string): Promise<string | undefined> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ keyHash: apiKeys.keyHash });
  return revoked?.keyHash;
}
