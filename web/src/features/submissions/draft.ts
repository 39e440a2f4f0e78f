import { z } from 'zod';

/**
 * What a resident has typed into the submit form, kept for the browser tab: after looking at a
 * similar entry and coming back, the words are still there.
 */
const draftSchema = z.object({ phrase: z.string(), explanation: z.string(), districtCode: z.string() });
export type Draft = z.infer<typeof draftSchema>;

const storageKey = (slug: string) => `city-spirit.draft.${slug}`;

export function readDraft(slug: string): Draft | undefined {
  try {
    const parsed = draftSchema.safeParse(JSON.parse(window.sessionStorage.getItem(storageKey(slug)) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function storeDraft(slug: string, draft: Draft): void {
  try {
    if (draft.phrase || draft.explanation) window.sessionStorage.setItem(storageKey(slug), JSON.stringify(draft));
    else window.sessionStorage.removeItem(storageKey(slug));
  } catch {
    // Without storage the draft lasts as long as the page.
  }
}

export function clearDraft(slug: string): void {
  try {
    window.sessionStorage.removeItem(storageKey(slug));
  } catch {
    // nothing stored then
  }
}
