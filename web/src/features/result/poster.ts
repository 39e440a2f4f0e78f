/** A portrait poster of the announced wording, drawn on a canvas and saved as a PNG. */
export const POSTER_WIDTH = 1080;
export const POSTER_HEIGHT = 1350;

// Residents' phones have one of these; the last names are the generic families every browser has.
// Chinese fonts draw Latin punctuation full-width, so an English wording takes Latin fonts first.
const SERIF_FONTS = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "Noto Serif", Georgia, serif';
const LATIN_SERIF_FONTS = 'Georgia, Cambria, "Noto Serif", "Source Serif Pro", "Noto Serif CJK SC", "Songti SC", serif';
const SANS_FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, "Helvetica Neue", Arial, sans-serif';
const LATIN_SANS_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Noto Sans CJK SC", sans-serif';

const INK = '#1c1917';
const MUTED = '#57504a';
const RED = '#9b1c1f';
const RED_DARK = '#6e1316';
const PAPER = '#faf7f2';
const OCHRE_TINT = '#fbf1df';
const LINE = '#e4ddd2';

type Lang = 'zh-CN' | 'en';

export type PosterFigure = { value: string; label: string };

export type PosterContent = {
  eyebrow: string;
  title: string;
  wording: string;
  wordingLang: Lang;
  /** The language of the rest: the reader's. */
  lang: Lang;
  figures: PosterFigure[];
  adopted: string;
  footer: string;
};

const MARGIN = 96;
const TEXT_WIDTH = POSTER_WIDTH - 2 * MARGIN;

/** Punctuation that may not begin a line in Chinese: it stays at the end of the line before. */
const NO_LINE_START = /^[，。、；：！？）》」』〉】”’,.;:!?)\]]/u;

/**
 * The units a line is filled with: a word of Latin script, or a run of Chinese up to its next space
 * or mark (so "坚韧顽强 开放包容" breaks between its halves), each with the spaces after it. A unit
 * too wide for a line is broken into its characters.
 */
function tokens(text: string): string[] {
  return text.match(/[\p{Script=Latin}\p{Number}'’-]+[^\S\n]*|[^\s\p{Script=Latin}]+?(?:[，。、；：！？·…\s]+|$)|./gsu) ?? [];
}

/** Lines of at most `maxWidth`: Chinese broken between characters, English between words, a word too long for a line broken by character. */
export function wrapText(measure: (text: string) => number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    const pieces = tokens(paragraph).flatMap((token) => (measure(token.trimEnd()) > maxWidth ? Array.from(token) : [token]));
    for (const piece of pieces) {
      if (line === '' && piece.trim() === '') continue;
      const candidate = line + piece;
      // A closing mark hangs at the end of the line rather than beginning the next.
      if (line === '' || measure(candidate.trimEnd()) <= maxWidth || NO_LINE_START.test(piece)) {
        line = candidate;
        continue;
      }
      lines.push(line.trimEnd());
      line = piece.trimStart();
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  return lines;
}

type Block = { lines: string[]; size: number; lineHeight: number };

/** The largest size at which the text fits `maxLines` lines within the width. */
function fitText(
  context: CanvasRenderingContext2D,
  text: string,
  font: (size: number) => string,
  box: { maxSize: number; minSize: number; width: number; maxLines: number; lineHeight: number },
): Block {
  let size = box.maxSize;
  for (;;) {
    context.font = font(size);
    const lines = wrapText((part) => context.measureText(part).width, text, box.width);
    if (lines.length <= box.maxLines || size <= box.minSize) return { lines, size, lineHeight: size * box.lineHeight };
    size -= 4;
  }
}

const serif = (lang: Lang) => (size: number) => `700 ${size}px ${lang === 'en' ? LATIN_SERIF_FONTS : SERIF_FONTS}`;
const sansIn = (lang: Lang) => (weight: number) => (size: number) => `${weight} ${size}px ${lang === 'en' ? LATIN_SANS_FONTS : SANS_FONTS}`;

/** Waits for the page's fonts, and asks for the poster's own, so the first drawing is not in a fallback font. */
async function fontsReady(content: PosterContent): Promise<void> {
  try {
    await Promise.all([document.fonts.load(serif(content.wordingLang)(100), content.wording), document.fonts.load(sansIn(content.lang)(700)(40), content.title + content.eyebrow)]);
  } catch {
    // A font that cannot load leaves the next in the stack, which is fine.
  }
  await document.fonts.ready;
}

export async function drawPoster(canvas: HTMLCanvasElement, content: PosterContent): Promise<void> {
  await fontsReady(content);
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.textBaseline = 'alphabetic';
  const sans = sansIn(content.lang);

  context.fillStyle = PAPER;
  context.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  context.fillStyle = RED;
  context.fillRect(0, 0, POSTER_WIDTH, 18);

  // The campaign: the platform's name, then the title.
  let y = MARGIN + 30;
  context.fillStyle = RED;
  context.font = sans(700)(30);
  context.fillText(content.eyebrow, MARGIN, y);
  const title = fitText(context, content.title, sans(700), { maxSize: 44, minSize: 30, width: TEXT_WIDTH, maxLines: 2, lineHeight: 1.35 });
  context.fillStyle = INK;
  context.font = sans(700)(title.size);
  for (const line of title.lines) {
    y += title.lineHeight;
    context.fillText(line, MARGIN, y);
  }

  // The wording, large, in the middle band.
  const bandTop = y + 70;
  const figuresTop = POSTER_HEIGHT - 400;
  const wordingFont = serif(content.wordingLang);
  const wording = fitText(context, content.wording, wordingFont, { maxSize: 132, minSize: 48, width: TEXT_WIDTH - 48, maxLines: 5, lineHeight: 1.3 });
  context.fillStyle = RED;
  context.fillRect(MARGIN, bandTop, 8, figuresTop - bandTop - 70);
  const blockHeight = wording.lines.length * wording.lineHeight;
  let lineY = bandTop + (figuresTop - 70 - bandTop - blockHeight) / 2 + wording.size;
  context.fillStyle = RED_DARK;
  context.font = wordingFont(wording.size);
  for (const line of wording.lines) {
    context.fillText(line, MARGIN + 48, lineY);
    lineY += wording.lineHeight;
  }

  // The figures, in one band of up to four.
  context.fillStyle = OCHRE_TINT;
  context.fillRect(0, figuresTop, POSTER_WIDTH, 230);
  context.fillStyle = LINE;
  context.fillRect(0, figuresTop, POSTER_WIDTH, 2);
  const figures = content.figures.slice(0, 4);
  const column = TEXT_WIDTH / Math.max(figures.length, 1);
  figures.forEach((figure, index) => {
    const x = MARGIN + index * column;
    context.fillStyle = INK;
    context.font = sans(700)(60);
    context.fillText(figure.value, x, figuresTop + 105);
    context.fillStyle = MUTED;
    const label = fitText(context, figure.label, sans(400), { maxSize: 26, minSize: 20, width: column - 24, maxLines: 2, lineHeight: 1.3 });
    context.font = sans(400)(label.size);
    label.lines.forEach((line, lineIndex) => context.fillText(line, x, figuresTop + 150 + lineIndex * label.lineHeight));
  });

  // When it was adopted, and where the whole story is.
  context.fillStyle = INK;
  context.font = sans(700)(32);
  context.fillText(content.adopted, MARGIN, POSTER_HEIGHT - 110);
  context.fillStyle = MUTED;
  context.font = sans(400)(26);
  context.fillText(content.footer, MARGIN, POSTER_HEIGHT - 66);
}

export function posterBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The poster could not be made.'))), 'image/png'));
}
