import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const CORE = resolve(__dirname, '../../../../server/src/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]));
}

describe('the house: readers plug into the model', () => {
  it('nothing in core/model imports core/helm', () => {
    const helm = join(CORE, 'helm');
    const offending = sources(join(CORE, 'model')).flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith(helm + '/') || target === helm).map((target) => `${relative(CORE, file)} → ${relative(CORE, target)}`));
    assert.deepStrictEqual(offending, []);
  });

  it('no folder of core/helm holds more than 15 source files', () => {
    const crowded: string[] = [];
    const visit = (dir: string): void => {
      const names = readdirSync(dir);
      if (names.filter((n) => n.endsWith('.ts')).length > 15) crowded.push(relative(CORE, dir));
      for (const name of names) if (statSync(join(dir, name)).isDirectory()) visit(join(dir, name));
    };
    visit(join(CORE, 'helm'));
    assert.deepStrictEqual(crowded, []);
  });
});
