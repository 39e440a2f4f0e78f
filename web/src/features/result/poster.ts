/** A portrait poster of the announced wording, drawn on a canvas and saved as a PNG. */
export const POSTER_WIDTH = 1080;
export const POSTER_HEIGHT = 1350;

// Residents' phones have one of these; the last names are the generic families every browser has.
const SERIF_FONTS = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "Noto Serif", Georgia, serif';
const SANS_FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, "Helvetica Neue", Arial, sans-serif';

const INK = '#1c1917';
const MUTED = '#57504a';
const RED = '#9b1c1f';
const RED_DARK = '#6e1316';
const PAPER = '#faf7f2';
const OCHRE_TINT = '#fbf1df';
const LINE = '#e4ddd2';

export type PosterFigure = { value: string; label: string };

export type PosterContent = {
  eyebrow: string;
  title: string;
  wording: string;
  figures: PosterFigure[];
  adopted: string;
  footer: string;
};

const MARGIN = 96;
const TEXT_WIDTH = POSTER_WIDTH - 2 * MARGIN;

/** Punctuation that may not begin a line in Chinese: it stays at the end of the line before. */
const NO_LINE_START = /^[，。、；：！？）》」』〉】”’,.;:!?)\]]/u;

/** Words of Latin script (with the spaces after them) stay whole; every other character stands alone. */
function tokens(text: string): string[] {
  return text.match(/[\p{Script=Latin}\p{Number}'’-]+\s*|\s+|./gsu) ?? [];
}

/** Lines of at most `maxWidth`: Chinese broken between characters, English between words, a word too long for a line broken by character. */
export function wrapText(measure: (text: string) => number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of tokens(paragraph)) {
      if (line === '' && token.trim() === '') continue;
      const candidate = line + token;
      if (measure(candidate.trimEnd()) <= maxWidth || line === '' || NO_LINE_START.test(token)) {
        line = candidate;
        continue;
      }
      lines.push(line.trimEnd());
      line = token.trimStart();
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  return lines.flatMap((line) => (measure(line) <= maxWidth ? [line] : breakByCharacter(measure, line, maxWidth)));
}

function breakByCharacter(measure: (text: string) => number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const character of Array.from(text)) {
    if (line !== '' && measure(line + character) > maxWidth) {
      lines.push(line);
      line = character;
    } else {
      line += character;
    }
  }
  if (line) lines.push(line);
  return lines;
}

type Block = { lines: string[]; size: number; lineHeight: number };

/** The largest size at which the text fits `maxLines` lines within the width. */
function fitText(context: CanvasRenderingContext2D, text: string, font: (size: number) => string, sizes: { max: number; min: number }, maxLines: number, lineHeight: number): Block {
  let size = sizes.max;
  for (;;) {
    context.font = font(size);
    const lines = wrapText((part) => context.measureText(part).width, text, TEXT_WIDTH);
    if (lines.length <= maxLines || size <= sizes.min) return { lines, size, lineHeight: size * lineHeight };
    size -= 4;
  }
}

const serif = (size: number) => `700 ${size}px ${SERIF_FONTS}`;
const sans = (weight: number) => (size: number) => `${weight} ${size}px ${SANS_FONTS}`;

/** Waits for the page's fonts, and asks for the poster's own, so the first drawing is not in a fallback font. */
async function fontsReady(text: string): Promise<void> {
  try {
    await Promise.all([document.fonts.load(serif(100), text), document.fonts.load(sans(700)(40), text)]);
  } catch {
    // A font that cannot load leaves the next in the stack, which is fine.
  }
  await document.fonts.ready;
}

export async function drawPoster(canvas: HTMLCanvasElement, content: PosterContent): Promise<void> {
  await fontsReady(content.title + content.wording + content.eyebrow);
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.textBaseline = 'alphabetic';

  context.fillStyle = PAPER;
  context.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  context.fillStyle = RED;
  context.fillRect(0, 0, POSTER_WIDTH, 18);

  // The campaign: the platform's name, then the title.
  let y = MARGIN + 30;
  context.fillStyle = RED;
  context.font = sans(700)(30);
  context.fillText(content.eyebrow, MARGIN, y);
  const title = fitText(context, content.title, sans(700), { max: 44, min: 30 }, 2, 1.35);
  context.fillStyle = INK;
  context.font = sans(700)(title.size);
  for (const line of title.lines) {
    y += title.lineHeight;
    context.fillText(line, MARGIN, y);
  }

  // The wording, large, in the middle band.
  const bandTop = y + 70;
  const figuresTop = POSTER_HEIGHT - 400;
  const wording = fitText(context, content.wording, serif, { max: 132, min: 48 }, 5, 1.3);
  context.fillStyle = RED;
  context.fillRect(MARGIN, bandTop, 8, figuresTop - bandTop - 70);
  const blockHeight = wording.lines.length * wording.lineHeight;
  let lineY = bandTop + (figuresTop - 70 - bandTop - blockHeight) / 2 + wording.size;
  context.fillStyle = RED_DARK;
  context.font = serif(wording.size);
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
    const label = fitText(context, figure.label, sans(400), { max: 26, min: 20 }, 2, 1.3);
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
