import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'fs';
import { join } from 'path';
import { describeSpecial, insideRoots } from './read-manifest';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
/** A Helm chart's helper templates (`templates/_helpers.tpl`): they hold the `define`s that chart names use. */
const CHART_HELPER = /(^|[\\/])templates[\\/].*\.tpl$/i;
/** A chart's `.helmignore` decides which of its files Helm loads: read next to a `Chart.yaml` only. */
const HELM_IGNORE = '.helmignore';

export interface FindOptions {
  /** The workspace folders symbolic links may lead into; by default the paths searched. */
  roots?: string[];
  /** Told about each manifest-like entry left out, with the reason in a few words. */
  onSkip?: (path: string, reason: string) => void;
  /** Told about each packaged subchart (`charts/*.tgz`): its templates cannot be read, so its defines are unknown. */
  onChartArchive?: (path: string) => void;
}

const CHART_ARCHIVE = /[\\/]charts[\\/][^\\/]+\.tgz$/i;

/**
 * Every `*.yaml` / `*.yml` file under the given files or directories (recursively), plus kustomize's
 * extension-less `Kustomization`. `exclude` holds glob-like patterns (`**`, `*`) matched against paths.
 * Inside a tree, a symbolic link is followed only into the workspace, and only regular files are listed
 * (a FIFO or a device named `*.yaml` is reported, never opened).
 */
export function findYamlFiles(paths: string[], exclude: string[] = [], options: FindOptions = {}): string[] {
  const excluded = exclude.map(globToRegExp);
  const roots = options.roots ?? paths;
  const out: string[] = [];
  const seenDirectories = new Set<string>();
  const visit = (path: string, explicit: boolean) => {
    if (excluded.some((re) => re.test(path))) return;
    const manifestName = YAML_FILE.test(path) || /(^|\/)Kustomization$/.test(path) || CHART_HELPER.test(path);
    let stats: Stats;
    let entries: string[] = [];
    try {
      if (!explicit && lstatSync(path).isSymbolicLink()) {
        const target = realpathSync(path);
        if (!insideRoots(target, roots)) {
          if (manifestName || statSync(path).isDirectory()) options.onSkip?.(path, `a symbolic link to ${target}, outside the workspace`);
          return;
        }
      }
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
      const chart = entries.includes('Chart.yaml');
      for (const entry of entries) {
        if (ALWAYS_SKIPPED.has(entry)) continue;
        if (entry === HELM_IGNORE) {
          if (chart) visitFile(join(path, entry));
          continue;
        }
        visit(join(path, entry), false);
      }
    } else if (CHART_ARCHIVE.test(path)) {
      options.onChartArchive?.(path);
    } else if (explicit || manifestName) {
      const special = describeSpecial(stats);
      if (special) options.onSkip?.(path, special);
      else out.push(path);
    }
  };
  // Read like a manifest (links out of the workspace and special files are refused), though not YAML.
  const visitFile = (path: string) => {
    if (excluded.some((re) => re.test(path))) return;
    try {
      if (lstatSync(path).isSymbolicLink() && !insideRoots(realpathSync(path), roots)) {
        options.onSkip?.(path, `a symbolic link to ${realpathSync(path)}, outside the workspace`);
        return;
      }
      const special = describeSpecial(statSync(path));
      if (special) options.onSkip?.(path, special);
      else out.push(path);
    } catch {
      // A dangling link: nothing to read.
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
