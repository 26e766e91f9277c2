import { UNKNOWN, type Value } from '../template-values';

/**
 * Masterminds/semver constraints as Helm's `semverCompare` reads them, for a plain version (no pre-release):
 * `||` alternatives of comparisons joined by spaces or commas (`>=1.19-0 <1.21-0`), `^` and `~` ranges of
 * full versions. Wildcards, hyphen ranges, a pre-release version and partial versions where the library
 * widens them (`>1.2`, `=1.2`, `1.2`) are unknown. `single` judges one comparison.
 */
export function semverConstraint(constraint: string, version: string, single: (comparison: string, version: string) => Value): Value {
  if (!/^v?\d+(\.\d+){0,2}$/.test(version.trim())) return UNKNOWN;
  if (/[xX*]/.test(constraint) || / - /.test(constraint) || constraint.length > 200) return UNKNOWN;
  let any = false;
  for (const alternative of constraint.split('||')) {
    const tokens = alternative.replace(/(>=|<=|!=|>|<|=|~|\^)\s+/g, '$1').split(/[\s,]+/).filter((t) => t !== '');
    if (tokens.length === 0) return UNKNOWN;
    let all = true;
    for (const token of tokens) {
      const comparisons = expand(token);
      if (!comparisons) return UNKNOWN;
      for (const comparison of comparisons) {
        const result = single(comparison, version);
        if (typeof result !== 'boolean') return UNKNOWN;
        all &&= result;
      }
    }
    any ||= all;
  }
  return any;
}

/** One token as plain comparisons; undefined where the library's reading is not plain. */
function expand(token: string): string[] | undefined {
  const match = /^(>=|<=|!=|>|<|=|~|\^)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(token);
  if (!match) return undefined;
  const [, op = '', major, minor, patch] = match;
  const full = minor !== undefined && patch !== undefined;
  const [a, b, c] = [Number(major), Number(minor ?? 0), Number(patch ?? 0)];
  if (op === '^') return full ? [`>=${a}.${b}.${c}`, a > 0 ? `<${a + 1}.0.0` : `<0.${b + 1}.0`] : undefined;
  if (op === '~') return full ? [`>=${a}.${b}.${c}`, `<${a}.${b + 1}.0`] : undefined;
  // A partial version stands for a range there (`>1.2` is past every 1.2.x): only >= and < read it as x.y.0.
  if (!full && op !== '>=' && op !== '<') return undefined;
  return [`${op}${a}.${b}.${c}`];
}
