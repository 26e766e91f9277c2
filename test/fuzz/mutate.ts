/**
 * Seeded mutations of real manifests: the damage editing, copying and templating do to YAML. The same
 * seed gives the same mutants, so a failure found by the nightly run can be replayed exactly.
 */
export type Random = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const lineIndex = (random: Random, lines: string[]) => Math.floor(random() * lines.length);

const TEMPLATE_SNIPPETS = ['{{ .Values.name }}', '{{- include "x.labels" . | nindent 4 }}', '{{ if .Values.rbac.create }}', '{{ end }}', '{{'];

/** One named mutation: text in, damaged text out. */
export interface Mutation {
  name: string;
  apply: (text: string, random: Random) => string;
}

function onLines(apply: (lines: string[], random: Random) => void): (text: string, random: Random) => string {
  return (text, random) => {
    const lines = text.split('\n');
    apply(lines, random);
    return lines.join('\n');
  };
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'delete a line', apply: onLines((lines, random) => void lines.splice(lineIndex(random, lines), 1)) },
  { name: 'duplicate a line', apply: onLines((lines, random) => { const i = lineIndex(random, lines); lines.splice(i, 0, lines[i]); }) },
  {
    name: 'swap the indentation of two lines',
    apply: onLines((lines, random) => {
      const [a, b] = [lineIndex(random, lines), lineIndex(random, lines)];
      const indent = (line: string) => line.length - line.trimStart().length;
      const [ia, ib] = [indent(lines[a]), indent(lines[b])];
      lines[a] = ' '.repeat(ib) + lines[a].trimStart();
      lines[b] = ' '.repeat(ia) + lines[b].trimStart();
    }),
  },
  { name: 'indent a line', apply: onLines((lines, random) => { const i = lineIndex(random, lines); lines[i] = pick(random, ['  ', ' ', '\t', '    ']) + lines[i]; }) },
  { name: 'dedent a line', apply: onLines((lines, random) => { const i = lineIndex(random, lines); lines[i] = lines[i].replace(/^ {1,2}/, ''); }) },
  {
    name: 'insert a template action',
    apply: (text, random) => { const at = Math.floor(random() * (text.length + 1)); return text.slice(0, at) + pick(random, TEMPLATE_SNIPPETS) + text.slice(at); },
  },
  { name: 'insert a NUL byte', apply: (text, random) => { const at = Math.floor(random() * (text.length + 1)); return `${text.slice(0, at)}\u0000${text.slice(at)}`; } },
  { name: 'start with a BOM', apply: (text) => `\uFEFF${text}` },
  { name: 'CRLF line ends', apply: (text) => text.replace(/\r?\n/g, '\r\n') },
  { name: 'cut the text short', apply: (text, random) => text.slice(0, Math.floor(random() * text.length)) },
  { name: 'insert a document marker', apply: onLines((lines, random) => void lines.splice(lineIndex(random, lines), 0, pick(random, ['---', '...', '--- # x', '---\t']))) },
  {
    // Misspelt verbs, resources, kinds and names: what most checks and their fixes are about.
    name: 'swap two letters of a word',
    apply: (text, random) => {
      const words = [...text.matchAll(/[a-z]{3,}/g)];
      if (words.length === 0) return text;
      const word = pick(random, words);
      const at = word.index! + Math.floor(random() * (word[0].length - 1));
      return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
    },
  },
  {
    name: 'replace a character',
    apply: (text, random) => {
      const at = Math.floor(random() * text.length);
      return text.slice(0, at) + pick(random, [':', '-', '"', "'", '[', '{', '}', ']', '#', '&', '*', '!', '|', '>', ' ', '\t', '\\', '%', '@', '`']) + text.slice(at + 1);
    },
  },
];

/** One to three mutations in a row, and their names (to say what broke). */
export function mutate(text: string, random: Random): { text: string; applied: string[] } {
  const count = 1 + Math.floor(random() * 3);
  const applied: string[] = [];
  let out = text;
  for (let i = 0; i < count; i++) {
    const mutation = pick(random, MUTATIONS);
    out = mutation.apply(out, random);
    applied.push(mutation.name);
  }
  return { text: out, applied };
}
