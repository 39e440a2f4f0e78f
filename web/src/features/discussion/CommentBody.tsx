import { linkify } from './linkify.ts';
import { textLang } from './commentText.ts';

/**
 * A comment as its author typed it: plain text with its line breaks (CSS white-space), web
 * addresses as links that search engines do not follow. Never HTML: React escapes every piece.
 */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="comment__body" lang={textLang(body)}>
      {linkify(body).map((piece, index) =>
        piece.kind === 'link' ? (
          <a key={index} href={piece.href} rel="nofollow ugc noopener" target="_blank">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}
