// Generated 2:3 SVG posters: a per-category gradient and motif, the title in big type and a
// category/language line. Colours and variants come from a hash of the slug, not the seed PRNG,
// so a poster never changes unless its event does.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Category } from "./data";
import { hashString } from "./random";

export type PosterInput = { slug: string; title: string; category: Category; languages: string[]; certificate?: string | null };

const W = 400;
const H = 600;

const PALETTES: Record<Category, [string, string][]> = {
  MOVIE: [["#1e1b4b", "#be123c"], ["#0f172a", "#0e7490"], ["#3b0764", "#ea580c"], ["#111827", "#b45309"]],
  CONCERT: [["#4c1d95", "#db2777"], ["#0c4a6e", "#7c3aed"], ["#831843", "#f59e0b"], ["#1e3a8a", "#06b6d4"]],
  SPORTS: [["#064e3b", "#16a34a"], ["#1e3a8a", "#2563eb"], ["#7c2d12", "#f97316"], ["#14532d", "#ca8a04"]],
  PLAY: [["#450a0a", "#b91c1c"], ["#422006", "#a16207"], ["#3f0d12", "#9f1239"], ["#1c1917", "#92400e"]],
  COMEDY: [["#a16207", "#f43f5e"], ["#0369a1", "#facc15"], ["#7e22ce", "#fb923c"], ["#be185d", "#fde047"]],
  EXHIBITION: [["#134e4a", "#a3e635"], ["#312e81", "#38bdf8"], ["#3f3f46", "#d6d3d1"], ["#0f766e", "#fcd34d"]],
};

const MOTIFS: Record<Category, ((h: number) => string)[]> = {
  MOVIE: [
    () => {
      const holes = Array.from({ length: 15 }, (_, i) => `M8 ${i * 40 + 12}h16v20H8zM376 ${i * 40 + 12}h16v20h-16z`).join("");
      return `<path d="${holes}"/><circle cx="300" cy="130" r="90" fill="none" stroke="#fff" stroke-width="10"/>`;
    },
    () => `<path d="M200 0 40 600h60L200 0l100 600h60z"/><circle cx="200" cy="40" r="34"/>`,
  ],
  CONCERT: [
    (h) => {
      const bars = Array.from({ length: 12 }, (_, i) => {
        const bh = 40 + ((h >>> i) % 7) * 28;
        return `M${24 + i * 31} ${300 - bh}h18v${bh}h-18z`;
      }).join("");
      return `<path d="${bars}"/>`;
    },
    () =>
      [60, 110, 160, 210].map((r) => `<circle cx="200" cy="170" r="${r}" fill="none" stroke="#fff" stroke-width="8"/>`).join(""),
  ],
  SPORTS: [
    () => `<path d="M-40 380 440 60v70L-40 450zM-40 500 440 180v40L-40 540z"/><circle cx="290" cy="140" r="70"/>`,
    () =>
      `<g fill="none" stroke="#fff" stroke-width="6"><rect x="30" y="30" width="340" height="300"/><path d="M30 180h340"/><circle cx="200" cy="180" r="55"/></g>`,
  ],
  PLAY: [
    () =>
      `<path d="M0 0h400v40q-25 30-50 0-25 30-50 0-25 30-50 0-25 30-50 0-25 30-50 0-25 30-50 0-25 30-50 0-25 30-50 0z"/><path d="M0 40q60 200 10 560H0zM400 40q-60 200-10 560h10z"/>`,
    () => `<path d="M0 0h400L260 330H140z"/><ellipse cx="200" cy="340" rx="110" ry="16"/>`,
  ],
  COMEDY: [
    () => `<path d="M70 60h260a30 30 0 0 1 30 30v130a30 30 0 0 1-30 30H170l-60 50 10-50H70a30 30 0 0 1-30-30V90a30 30 0 0 1 30-30z"/>`,
    () => `<path d="M0 120 50 70l50 50 50-50 50 50 50-50 50 50 50-50 50 50v40l-50-50-50 50-50-50-50 50-50-50-50 50-50-50-50 50z"/><circle cx="320" cy="260" r="40"/><circle cx="90" cy="270" r="24"/>`,
  ],
  EXHIBITION: [
    () =>
      [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => `<rect x="${40 + c * 112}" y="${30 + r * 100}" width="96" height="84" fill="none" stroke="#fff" stroke-width="6"/>`)).join(""),
    () => `<rect x="90" y="40" width="220" height="270" fill="none" stroke="#fff" stroke-width="14"/><circle cx="200" cy="150" r="50"/><path d="M110 290l70-90 50 60 30-30 50 60z"/>`,
  ],
};

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Greedy word wrap at `max` characters; a single over-long word gets its own line. */
function wrap(words: string[], max: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

// Average advance of bold upper-case sans in ems, erring wide: the fallback font is unknown.
const CHAR_WIDTH = 0.74;
const TEXT_WIDTH = W - 64;

/** Picks the wrap width that allows the biggest type within the title box. */
function layoutTitle(title: string): { lines: string[]; size: number } {
  const words = title.toUpperCase().split(/\s+/);
  let best = { lines: [title.toUpperCase()], size: 0 };
  for (let max = 6; max <= 24; max++) {
    const lines = wrap(words, max);
    const longest = Math.max(...lines.map((l) => l.length));
    const size = Math.min(76, TEXT_WIDTH / (longest * CHAR_WIDTH), 250 / (lines.length * 1.05));
    if (size > best.size) best = { lines, size };
  }
  return { lines: best.lines, size: Math.floor(best.size) };
}

export function posterSvg(p: PosterInput): string {
  const h = hashString(p.slug);
  const palettes = PALETTES[p.category];
  const motifs = MOTIFS[p.category];
  const [from, to] = palettes[h % palettes.length] ?? ["#111", "#444"];
  const motif = (motifs[(h >>> 8) % motifs.length] ?? (() => ""))(h);
  const { lines, size } = layoutTitle(p.title);
  const lineHeight = Math.round(size * 1.05);
  const firstBaseline = 500 - (lines.length - 1) * lineHeight;
  const text = lines
    .map((line, i) => {
      const fit = line.length * CHAR_WIDTH * size > TEXT_WIDTH ? ` textLength="${TEXT_WIDTH}" lengthAdjust="spacingAndGlyphs"` : "";
      return `<text x="32" y="${firstBaseline + i * lineHeight}"${fit}>${escapeXml(line)}</text>`;
    })
    .join("");
  const meta = [p.category, p.languages.slice(0, 2).join(" / "), p.certificate].filter(Boolean).join(" · ").toUpperCase();
  const metaFit = meta.length * 0.8 * 12 > TEXT_WIDTH ? ` textLength="${TEXT_WIDTH}" lengthAdjust="spacingAndGlyphs"` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2=".4" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`,
    `<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset=".45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".55"/></linearGradient></defs>`,
    `<rect width="${W}" height="${H}" fill="url(#g)"/>`,
    `<g fill="#fff" opacity=".16">${motif}</g>`,
    `<rect width="${W}" height="${H}" fill="url(#s)"/>`,
    `<g fill="#fff" font-family="Inter,'Helvetica Neue',Arial,sans-serif">`,
    `<text x="32" y="40" font-size="12" font-weight="700" letter-spacing="4" opacity=".7">MARQUEE</text>`,
    `<g font-size="${size}" font-weight="800">${text}</g>`,
    `<rect x="32" y="532" width="48" height="4" opacity=".8"/>`,
    `<text x="32" y="566" font-size="12" font-weight="600" letter-spacing="1.5" opacity=".85"${metaFit}>${escapeXml(meta)}</text>`,
    `</g></svg>`,
  ].join("\n");
}

export const POSTER_DIR = path.join(process.cwd(), "public", "posters");

/** Writes one poster per input into public/posters; returns how many were written. */
export async function writePosters(inputs: readonly PosterInput[], dir = POSTER_DIR): Promise<number> {
  await mkdir(dir, { recursive: true });
  await Promise.all(inputs.map((p) => writeFile(path.join(dir, `${p.slug}.svg`), `${posterSvg(p)}\n`)));
  return inputs.length;
}
