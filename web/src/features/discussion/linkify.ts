/** A piece of a comment's text: words as they were typed, or a web address to link to. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * http(s) addresses up to the next space or CJK character (Chinese text runs on without spaces);
 * `<`, `>` and quotes end them too, as they do in e-mail clients.
 */
const ADDRESS = /https?:\/\/[^\s<>"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/gi;

/** Punctuation that ends a sentence rather than the address: "see https://example.com." */
const TRAILING = /[.,;:!?)\]}]+$/;

function trimTrailing(address: string): string {
  let trimmed = address.replace(TRAILING, '');
  // A closing parenthesis belongs to the address when it opens one: https://en.wikipedia.org/wiki/Chongqing_(city)
  const rest = address.slice(trimmed.length);
  if (rest.startsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) > (trimmed.match(/\)/g)?.length ?? 0)) trimmed += ')';
  return trimmed;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Splits plain text into text and links, in order; joined back, the pieces are the text unchanged. */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimTrailing(match[0]);
    if (!isWebAddress(address)) continue;
    plain += text.slice(last, match.index);
    if (plain) pieces.push({ kind: 'text', text: plain });
    plain = '';
    pieces.push({ kind: 'link', text: address, href: address });
    last = match.index + address.length;
  }
  plain += text.slice(last);
  if (plain) pieces.push({ kind: 'text', text: plain });
  return pieces;
}
