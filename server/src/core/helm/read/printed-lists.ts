import type { Node } from 'yaml';
import type { SourceDocument } from '../../model/types';
import type { PrintedAction } from './mask-template';
import type { ParsedTemplate, TemplateNode } from '../template/parse-template';
import type { Operand, Pipeline } from '../template/pipeline';

/**
 * Rules or subjects a template prints from values (`{{- toYaml .Values.rbac.extraRules | nindent 2 }}`,
 * `rules: {{ toYaml … }}`), as read into a document: the item nodes that joined the list (all placed at
 * the action) and the values paths the action may have printed them from. Findings on these items can
 * then be told again at the values file's own lines (see relocate-to-values).
 */
export interface PrintedList {
  key: 'rules' | 'subjects';
  /** The printing action's span, relative to the document's start (documents move on keystrokes). */
  actionStart: number;
  actionEnd: number;
  /** The item nodes as they sit in the object's list, in order. */
  nodes: Node[];
  /** The items as plain data. */
  items: unknown[];
  /** `.Values` paths the action read, or that an enclosing `with` made its dot. */
  valuePaths: string[][];
}

const printedLists = new WeakMap<SourceDocument, PrintedList[]>();
const withPaths = new WeakMap<TemplateNode, string[][]>();

/** Notes a list printed into a document as it is read. */
export function notePrintedList(doc: SourceDocument, key: PrintedList['key'], printed: PrintedAction, nodes: Node[], items: unknown[]): void {
  const paths = [...(printed.origins ?? [])].filter((o) => o.startsWith('values:')).map((o) => o.slice('values:'.length).split('.'));
  for (const path of withPaths.get(printed.node) ?? []) paths.push(path);
  const entry: PrintedList = { key, actionStart: printed.action.start - doc.start, actionEnd: printed.action.end - doc.start, nodes, items, valuePaths: paths.filter((p) => p.length > 0 && p[0] !== '') };
  const list = printedLists.get(doc);
  if (list) list.push(entry);
  else printedLists.set(doc, [entry]);
}

/** The lists printed from values into a document (empty for most documents). */
export function printedListsOf(doc: SourceDocument): PrintedList[] {
  return printedLists.get(doc) ?? [];
}

/**
 * Notes, for every printing action inside `{{ with .Values.x }}`, the path `x`: `{{ toYaml . }}` in
 * its body prints that value. One walk over the tree; `range` and `define` bodies change the dot and
 * are not followed.
 */
export function noteWithScopes(template: ParsedTemplate): void {
  const walk = (nodes: TemplateNode[], scope: string[][]) => {
    for (const node of nodes) {
      if (node.kind === 'output' || node.kind === 'template') {
        if (scope.length) withPaths.set(node, scope);
      } else if (node.kind === 'if') {
        for (const branch of node.branches) walk(branch.body, scope);
        if (node.elseBody) walk(node.elseBody, scope);
      } else if (node.kind === 'with') {
        for (const branch of node.branches) walk(branch.body, valuesPathOf(branch.pipe));
        if (node.elseBody) walk(node.elseBody, scope);
      }
    }
  };
  walk(template.nodes, []);
}

/** `.Values.a.b` or `$.Values.a.b` as the whole pipeline of a `with`: `[['a', 'b']]`; otherwise none. */
function valuesPathOf(pipe: Pipeline | undefined): string[][] {
  if (!pipe || pipe.commands.length !== 1 || pipe.commands[0].args.length !== 1) return [];
  const operand: Operand = pipe.commands[0].args[0];
  const path = operand.type === 'field' ? operand.path : operand.type === 'variable' && operand.name === '$' ? operand.path : undefined;
  return path && path.length > 1 && path[0] === 'Values' ? [path.slice(1)] : [];
}
