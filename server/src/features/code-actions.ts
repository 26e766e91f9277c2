import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../core/edits/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './finding-to-diagnostic';
import { pathToUri } from './uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rbac-doctor`;

/** Quick-fixes come from the diagnostic's `data` (never its message); plus "disable" and "fix all" actions. */
export function codeActions(params: CodeActionParams, document: TextDocument, allDiagnostics: Diagnostic[]): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) {
      const data = diagnostic.data as DiagnosticData | undefined;
      for (const fix of data?.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: toWorkspaceEdit(fix.edits),
        });
      }
      actions.push(disableForLine(document, diagnostic));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(document, allDiagnostics);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

export function toWorkspaceEdit(edits: Fix['edits']): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const uri = pathToUri(edit.file);
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}

function disableForLine(document: TextDocument, diagnostic: Diagnostic): CodeAction {
  const line = diagnostic.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*(- )?/.exec(text)?.[0].replace('- ', '  ') ?? '';
  return {
    title: `Disable ${diagnostic.code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# rbac-doctor-disable-next-line ${diagnostic.code}\n` }],
      },
    },
  };
}

/** Applies the preferred fix of every finding in the file whose edits stay in the file and do not overlap. */
function fixAllAction(document: TextDocument, diagnostics: Diagnostic[]): CodeAction | undefined {
  const taken: { start: number; end: number }[] = [];
  const edits: LspTextEdit[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const fix = (diagnostic.data as DiagnosticData | undefined)?.fixes.find((f) => f.isPreferred);
    if (!fix || fix.edits.some((e) => pathToUri(e.file) !== document.uri)) continue;
    const spans = fix.edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end) }));
    if (spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end || (s.start === t.start && s.end === t.end)))) continue;
    taken.push(...spans);
    edits.push(...fix.edits.map((e) => ({ range: e.range, newText: e.newText })));
  }
  if (edits.length === 0) return undefined;
  return { title: 'Fix all RBAC problems in this file', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } };
}
