import {
  CodeActionKind, SymbolKind, type Connection, type DocumentSymbol, type ServerCapabilities, type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLensesFor } from '../core/explain/code-lenses';
import { hoverAt } from '../core/explain/hover';
import { nodeRange, objectRange } from '../core/model/locate';
import { definitionAt, referencesAt } from '../core/navigation/navigation';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { findingToDiagnostic } from './finding-to-diagnostic';
import { forbiddenLensesFor } from './forbidden-lenses';
import type { Session } from './session';
import { pathToUri, uriToPath } from './uri';

const capabilities: ServerCapabilities = {
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
};

/** Hover, navigation, symbols, code lenses and code actions: each maps a core result to LSP. */
export function registerLanguageFeatures(connection: Connection, session: Session, documents: TextDocuments<TextDocument>): void {
  const fileOf = (uri: string) => {
    const path = uriToPath(uri);
    return path ? session.model.getFile(path) : undefined;
  };
  const toLocations = (locations: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) =>
    locations.map((l) => ({ uri: pathToUri(l.file), range: l.range }));

  connection.onHover(({ textDocument, position }) => {
    const file = fileOf(textDocument.uri);
    if (!file) return null;
    const hover = hoverAt(session.context(), file, position);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const file = fileOf(textDocument.uri);
    return file ? toLocations(definitionAt(session.model, file, position)) : [];
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const file = fileOf(textDocument.uri);
    return file ? toLocations(referencesAt(session.model, file, position, context.includeDeclaration)) : [];
  });

  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] => {
    const file = fileOf(textDocument.uri);
    if (!file) return [];
    return file.documents.flatMap((doc) =>
      doc.objects.map((object) => {
        const range = doc.yaml ? nodeRange(file, doc, object.node) : objectRange(file, object);
        return {
          name: object.kind === 'Kustomization' ? 'Kustomization' : object.name,
          detail: object.namespace ? `${object.kind} · ${object.namespace.value}` : object.kind,
          kind: object.kind === 'Role' || object.kind === 'ClusterRole' ? SymbolKind.Class : SymbolKind.Object,
          range,
          selectionRange: objectRange(file, object),
        };
      }),
    );
  });

  connection.onCodeLens(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (document?.languageId === 'kubernetes-log') return forbiddenLensesFor(document, session.context());
    const file = fileOf(textDocument.uri);
    if (!file) return [];
    return codeLensesFor(session.context(), file).map((lens) => ({
      range: lens.range,
      command: { title: lens.title, command: 'rbacDoctor.showReferences', arguments: [pathToUri(file.path), lens.range.start, toLocations(lens.locations)] },
    }));
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!document || !path) return [];
    const fileDiagnostics = (session.analysis().byFile.get(path) ?? []).map(findingToDiagnostic);
    return codeActions(params, document, fileDiagnostics);
  });
}

registerLanguageFeatures.capabilities = capabilities;
