import { describe, expect, it } from 'vitest';
import { linkify, type TextPiece } from '../../web/src/features/discussion/linkify.ts';

const joined = (pieces: TextPiece[]) => pieces.map((piece) => piece.text).join('');
const links = (text: string) => linkify(text).flatMap((piece) => (piece.kind === 'link' ? [piece.href] : []));

describe('links in comments', () => {
  it('keeps text without addresses as one piece, unchanged', () => {
    expect(linkify('山城的雾，\n江城的桥')).toEqual([{ kind: 'text', text: '山城的雾，\n江城的桥' }]);
    expect(linkify('')).toEqual([]);
  });

  it('splits an address out of the text around it', () => {
    expect(linkify('看看 https://example.com/a?b=1 这里')).toEqual([
      { kind: 'text', text: '看看 ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' 这里' },
    ]);
  });

  it('ends an address at Chinese text and full-width punctuation, which follow it without a space', () => {
    expect(links('资料见http://cq.gov.cn/news，很有意思')).toEqual(['http://cq.gov.cn/news']);
    expect(links('（https://example.com）')).toEqual(['https://example.com']);
  });

  it('leaves sentence punctuation after an address out of the link', () => {
    expect(links('See https://example.com/page. And https://example.org, too!')).toEqual(['https://example.com/page', 'https://example.org']);
    expect(links('(see https://example.com/x)')).toEqual(['https://example.com/x']);
  });

  it('keeps a closing parenthesis that the address itself opened', () => {
    expect(links('https://en.wikipedia.org/wiki/Chongqing_(city) is big')).toEqual(['https://en.wikipedia.org/wiki/Chongqing_(city)']);
  });

  it('links only http and https: no javascript:, data: or bare domains', () => {
    expect(links('javascript:alert(1) data:text/html,<b>x</b> www.example.com ftp://example.com')).toEqual([]);
    expect(links('HTTPS://EXAMPLE.COM/Path')).toEqual(['HTTPS://EXAMPLE.COM/Path']);
  });

  it('does not treat markup as part of an address, and keeps it as text', () => {
    const pieces = linkify('<a href="https://evil.example">x</a><b>粗体</b>');
    expect(joined(pieces)).toBe('<a href="https://evil.example">x</a><b>粗体</b>');
    expect(pieces.filter((piece) => piece.kind === 'link').map((piece) => piece.text)).toEqual(['https://evil.example']);
  });

  it('leaves an address with no host as text', () => {
    expect(links('https:// 和 http://')).toEqual([]);
  });

  it('gives the text back unchanged when the pieces are joined', () => {
    const text = 'a https://x.example/1, b\nhttps://y.example/(2) 重庆https://z.example。';
    expect(joined(linkify(text))).toBe(text);
  });
});
