import { asc } from 'drizzle-orm';
import type { District } from '@city-spirit/shared';
import type { Database } from '../../db/client.ts';
import { districts } from '../../db/schema.ts';

export async function listDistricts(db: Database): Promise<District[]> {
  return db.select().from(districts).orderBy(asc(districts.code));
}
