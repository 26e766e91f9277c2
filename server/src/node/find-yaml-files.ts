import { readdirSync, statSync, type Stats } from 'fs';
import { join } from 'path';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
/** A Helm chart's helper templates (`templates/_helpers.tpl`): they hold the `define`s that chart names use. */
const CHART_HELPER = /(^|[\\/])templates[\\/].*\.tpl$/i;

/**
 * Every `*.yaml` / `*.yml` file under the given files or directories (recursively), plus kustomize's
 * extension-less `Kustomization`. `exclude` holds glob-like patterns (`**`, `*`) matched against paths.
 */
export function findYamlFiles(paths: string[], exclude: string[] = []): string[] {
  const excluded = exclude.map(globToRegExp);
  const out: string[] = [];
  const seenDirectories = new Set<string>();
  const visit = (path: string, explicit: boolean) => {
    if (excluded.some((re) => re.test(path))) return;
    let stats: Stats;
    let entries: string[] = [];
    try {
      stats = statSync(path);
      if (stats.isDirectory()) {
        // A symlink loop would otherwise recurse forever.
        const id = `${stats.dev}:${stats.ino}`;
        if (seenDirectories.has(id)) return;
        seenDirectories.add(id);
        entries = readdirSync(path).sort();
      }
    } catch (error) {
      // A dangling symlink or an unreadable entry inside a tree is skipped; a path the user named is an error.
      if (explicit) throw error;
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of entries) {
        if (ALWAYS_SKIPPED.has(entry)) continue;
        visit(join(path, entry), false);
      }
    } else if (explicit || YAML_FILE.test(path) || /(^|\/)Kustomization$/.test(path) || CHART_HELPER.test(path)) {
      out.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return out;
}

/** Converts a VS Code / gitignore-style glob to a RegExp matched anywhere on a path boundary. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
      i = close;
    } else re += escape(c);
  }
  return new RegExp(`(^|/)${re}($|/)`);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
