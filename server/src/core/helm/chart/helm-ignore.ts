/**
 * A chart's `.helmignore`, read as Helm reads it (helm.sh/helm pkg/ignore), not as git does: one rule
 * per line, spaces trimmed, `#` lines and blank lines skipped; `**` is refused; a rule with a `/` is
 * matched against the path from the chart's folder, one without against the base name; a trailing `/`
 * matches folders only. Rules are tried in order and the first that decides wins. A `!rule` does not
 * bring a file back: a path it does not match is ignored, a path it matches goes on to the next rule.
 * The loader also skips `templates/.?*` (dotfiles directly in templates/), after the file's rules.
 */
import { globMatches, globSyntaxError } from './glob-match';

export interface HelmIgnoreRule {
  /** The line as written (trimmed). */
  raw: string;
  /** 0-based line of the file. */
  line: number;
  negate: boolean;
  /** A trailing `/`: only folders match. */
  mustDir: boolean;
  /** Matched against the whole relative path (the rule holds a `/`), otherwise against the base name. */
  wholePath: boolean;
  glob: string;
}

export interface HelmIgnore {
  rules: HelmIgnoreRule[];
  /** Lines Helm refuses (it then refuses to load the chart), with why. */
  problems: { line: number; message: string }[];
}

/** What Helm's chart loader adds after the file's own rules. */
const DEFAULT_RULES: HelmIgnoreRule[] = [rule('templates/.?*', -1)!];

export function parseHelmIgnore(text: string): HelmIgnore {
  const out: HelmIgnore = { rules: [], problems: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    if (raw.includes('**')) {
      out.problems.push({ line: i, message: `\`${raw}\`: double-star (**) syntax is not supported` });
      continue;
    }
    const bad = globSyntaxError(raw);
    if (bad) {
      out.problems.push({ line: i, message: `\`${raw}\`: ${bad}` });
      continue;
    }
    out.rules.push(rule(raw, i)!);
  }
  return out;
}

function rule(raw: string, line: number): HelmIgnoreRule | undefined {
  let glob = raw;
  const negate = glob.startsWith('!');
  if (negate) glob = glob.slice(1);
  const mustDir = glob.endsWith('/');
  if (mustDir) glob = glob.slice(0, -1);
  // A leading `/` anchors the rule at the chart's folder: the path matched is relative to it anyway.
  const wholePath = glob.startsWith('/') || glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  return { raw, line, negate, mustDir, wholePath, glob };
}

/** Helm's decision for one path (relative to the chart, `/`-separated), a folder or a file. */
export function ignoresEntry(rules: readonly HelmIgnoreRule[], path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const r of rules) {
    const name = r.wholePath ? path : baseName(path);
    if (r.negate) {
      if (r.mustDir && !isDir) return true;
      if (!globMatches(r.glob, name)) return true;
      continue;
    }
    if (r.mustDir && !isDir) continue;
    if (globMatches(r.glob, name)) return true;
  }
  return false;
}

/**
 * Whether Helm loads a file of the chart: its loader walks the chart's folder and never enters a
 * folder the rules ignore, so each parent folder is asked first (as a folder), then the file.
 */
export function ignoredByHelm(ignore: HelmIgnore | undefined, relativePath: string): boolean {
  const rules = ignore ? [...ignore.rules, ...DEFAULT_RULES] : DEFAULT_RULES;
  const path = relativePath.replace(/\\/g, '/');
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    if (ignoresEntry(rules, path.slice(0, slash), true)) return true;
  }
  return ignoresEntry(rules, path, false);
}

function baseName(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
