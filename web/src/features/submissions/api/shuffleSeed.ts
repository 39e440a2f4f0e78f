import { submissionListQuerySchema } from '@city-spirit/shared';

const STORAGE_KEY = 'city-spirit.shuffle-seed';
const seedSchema = submissionListQuerySchema.shape.seed.unwrap();

/** This visitor's shuffle of the entries, if the server has given one. */
export function readShuffleSeed(): string | null {
  try {
    const parsed = seedSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // storage can be blocked (private mode, strict settings)
  }
}

export function storeShuffleSeed(seed: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, seed);
  } catch {
    // The order then stays the same for this visit only.
  }
}
