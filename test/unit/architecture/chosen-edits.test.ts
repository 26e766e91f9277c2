import * as assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CLIENT = resolve(__dirname, '../../../../client/src');

/**
 * A change the user picked in Fix Forbidden is applied as an ordinary undoable edit. An edit marked
 * `needsConfirmation` opens the Refactor Preview with its change unticked, and Apply then writes nothing.
 */
describe('the client applies the change the user chose', () => {
  const sources = readdirSync(CLIENT).filter((name) => name.endsWith('.ts')).map((name) => ({ name, text: readFileSync(join(CLIENT, name), 'utf8') }));

  it('no workspace edit asks for confirmation again', () => {
    assert.ok(sources.length > 0);
    assert.deepStrictEqual(sources.filter((s) => /needsConfirmation|isRefactoring/.test(s.text)).map((s) => s.name), []);
  });
  it('Fix Forbidden and the whole-log change build their edit in one place, without change annotations', () => {
    for (const name of ['fix-forbidden.ts', 'fix-whole-log.ts']) {
      const text = sources.find((s) => s.name === name)!.text;
      assert.match(text, /applyChosenEdit\(/, name);
      assert.doesNotMatch(text, /applyEdit\(|new vscode\.WorkspaceEdit\(/, name);
    }
    const chosen = sources.find((s) => s.name === 'chosen-edit.ts')!.text;
    assert.match(chosen, /applyEdit\(chosenEdit\(edits\)\)/);
    // replace(uri, range, newText) with no fourth (metadata) argument.
    assert.match(chosen, /edit\.replace\(vscode\.Uri\.file\(e\.file\), range, e\.newText\);/);
  });
});
