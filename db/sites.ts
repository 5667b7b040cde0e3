/** The site registry: upserts, all-or-nothing imports and keyset-paged listing. */
import { and, asc, arrayContains, eq, gt, sql } from 'drizzle-orm';
import type { Site } from '../domain/plan';
import type { Db, Executor } from './client';
import { sites } from './schema';

const columns = {
  code: sites.code,
  name: sites.name,
  region: sites.region,
  timezone: sites.timezone,
  tags: sites.tags,
  endpoint: sites.endpoint,
  attributes: sites.attributes,
  createdAt: sites.createdAt,
  updatedAt: sites.updatedAt,
};

/** Inserts or replaces sites; returns how many were new. */
async function upsert(tx: Executor, rows: Site[]): Promise<{ created: number; updated: number }> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((s) => ({ ...s, endpoint: s.endpoint ?? null }));
    const result = await tx
      .insert(sites)
      .values(chunk)
      .onConflictDoUpdate({
        target: sites.code,
        set: {
          name: sql`excluded.name`,
          region: sql`excluded.region`,
          timezone: sql`excluded.timezone`,
          tags: sql`excluded.tags`,
          endpoint: sql`excluded.endpoint`,
          attributes: sql`excluded.attributes`,
          updatedAt: sql`now()`,
        },
      })
      // xmax = 0 only for a freshly inserted row: tells inserts from updates in one statement.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += result.filter((r) => r.inserted).length;
  }
  return { created, updated: rows.length - created };
}

export async function upsertSite(db: Db, site: Site) {
  const { created } = await upsert(db, [site]);
  const [row] = await db.select(columns).from(sites).where(eq(sites.code, site.code));
  return { created: created === 1, site: row! };
}

export async function importSites(db: Db, rows: Site[]) {
  return db.transaction((tx) => upsert(tx, rows));
}

/** What a step needs of a site besides the rollout's plan; undefined for a code the registry does not hold. */
export async function findSiteTimezoneAndEndpoint(db: Db, code: string): Promise<{ timezone: string; endpoint: string | null } | undefined> {
  const [row] = await db.select({ timezone: sites.timezone, endpoint: sites.endpoint }).from(sites).where(eq(sites.code, code));
  return row;
}

/** A page of sites by code after `after`; `nextAfter` is the `after` of the next page, null on the last. */
export async function listSites(db: Db, filter: { region?: string; tag?: string; after?: string; limit: number }) {
  const rows = await db
    .select(columns)
    .from(sites)
    .where(
      and(
        filter.region ? eq(sites.region, filter.region) : undefined,
        filter.tag ? arrayContains(sites.tags, [filter.tag]) : undefined,
        filter.after ? gt(sites.code, filter.after) : undefined,
      ),
    )
    .orderBy(asc(sites.code))
    .limit(filter.limit + 1);
  return { items: rows.slice(0, filter.limit), nextAfter: rows.length > filter.limit ? rows[filter.limit - 1]!.code : null };
}

export type SiteForSelection = Awaited<ReturnType<typeof allSitesForSelection>>[number];

/** What wave selection and the projected completion need of every site: a 10,000-site registry is about a megabyte. */
export async function allSitesForSelection(db: Db) {
  return db.select({ code: sites.code, region: sites.region, tags: sites.tags, timezone: sites.timezone }).from(sites).orderBy(asc(sites.code));
}
