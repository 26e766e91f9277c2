import { existsSync } from 'fs';
import {
  CodeLensRefreshRequest, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerClusterRequests } from './features/cluster-requests';
import { registerCustomRequests } from './features/custom-requests';
import { DiagnosticsPublisher } from './features/diagnostics';
import { registerLanguageFeatures } from './features/language-features';
import { Session } from './features/session';
import { uriToPath } from './features/uri';
import { applyFileEvents, MANIFEST_NAME, readRestOfChart, WATCHERS } from './features/watched-files';
import { indexWorkspace, readLimits, warnSkipped } from './features/workspace-indexer';
import { readyStatus } from './features/workspace-status';
import { chartReports } from './core/helm/chart/chart-report';
import { WorkspaceStatusNotification, YamlSyntaxReportersNotification, type YamlSyntaxReporters } from './protocol/custom-messages';
import { applyHelmSettings, helmValuesFilePaths, logChartReports } from './features/helm-settings';
import { logKustomizeNotes } from './features/kustomize-log';
import { textOverBudget } from './core/model/text-budget';
import { readManifest } from './node/read-manifest';
import { normaliseSettings, SETTINGS_SECTION } from './protocol/settings';

export interface ServerOptions {
  connection: Connection;
}

/** Wires the LSP connection to the core. Transport-free: `main.ts` (or a test) supplies the connection. */
export function createServer({ connection }: ServerOptions): Connection {
  const session = new Session();
  const documents = new TextDocuments(TextDocument);
  const diagnostics = new DiagnosticsPublisher(connection, session);
  let supportsConfiguration = false;
  let supportsCodeLensRefresh = false;
  let supportsWatchRegistration = false;

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : undefined];
    session.roots = folders.filter((f): f is string => f !== undefined);
    session.model.charts.setReadFolders(session.roots);
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsCodeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    supportsWatchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    session.yamlSyntaxReporters = reportersOf(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...registerLanguageFeatures.capabilities,
      },
      serverInfo: { name: 'rbac-doctor' },
    };
  });

  // Lenses count across files: when other files or settings change, the editor is told to ask again.
  const refreshLenses = () => {
    if (supportsCodeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
  };

  const openText = (path: string) => documents.all().find((d) => uriToPath(d.uri) === path)?.getText();
  // One application of the Helm settings at a time, in order: a later edit of a values file always wins.
  let helmApplied: Promise<void> = Promise.resolve();
  const applyHelm = () => {
    helmApplied = helmApplied.then(() => applyHelmSettings(connection, session, openText)).catch((e) => connection.console.warn(`helm settings: ${(e as Error).message}`));
    return helmApplied;
  };
  /** A values file named in `rbacDoctor.helm.valuesFiles` changed (on disk or in the editor): charts are evaluated again. */
  const valuesFileChanged = async (path: string) => {
    if (!helmValuesFilePaths(session).includes(path)) return;
    await applyHelm();
    diagnostics.publishAll();
    refreshLenses();
  };

  const refreshSettings = async () => {
    if (!supportsConfiguration) return;
    const [own, filesExclude] = await connection.workspace.getConfiguration([
      { section: SETTINGS_SECTION },
      { section: 'files.exclude' },
    ]);
    session.settings = normaliseSettings(own, filesExclude);
    await applyHelm();
  };

  connection.onInitialized(async () => {
    // Set before any await: requests that need every file wait for the index; hovers, lenses and
    // navigation answer from what is read so far, and diagnostics wait until everything is read.
    session.indexing = (async () => {
      try {
        await refreshSettings().catch((e) => connection.console.warn(`settings: ${(e as Error).message}`));
        const started = Date.now();
        const count = await indexWorkspace(connection, session, () => {
          session.openFilesJudgeable = true;
          diagnostics.publishAll();
        });
        connection.console.info(`indexed ${count} YAML files in ${Date.now() - started} ms`);
        session.status = readyStatus(count, chartReports(session.model), session.model.index.kustomizeNotes, session.roots[0]);
        logChartReports(connection, session);
        logKustomizeNotes(connection, session);
      } finally {
        session.indexComplete = true;
        if (session.status.state !== 'ready') session.status = readyStatus(session.status.filesTotal);
      }
      void connection.sendNotification(WorkspaceStatusNotification, session.status);
      diagnostics.publishAll();
      // Lenses asked for while indexing counted what was read so far.
      refreshLenses();
    })();
    if (supportsWatchRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
    }
    await session.indexing;
  });

  connection.onNotification(YamlSyntaxReportersNotification, (params: unknown) => {
    session.yamlSyntaxReporters = reportersOf(params);
    diagnostics.publishAll();
  });

  // Once every file is read, what is read in part (and the release assumed) follows the files and settings.
  const refreshStatus = () => {
    if (!session.indexComplete) return;
    session.status = readyStatus(session.status.filesTotal, chartReports(session.model), session.model.index.kustomizeNotes, session.roots[0]);
    void connection.sendNotification(WorkspaceStatusNotification, session.status);
  };

  connection.onDidChangeConfiguration(async () => {
    await refreshSettings().catch((e) => connection.console.warn(`settings: ${(e as Error).message}`));
    diagnostics.publishAll();
    refreshLenses();
    refreshStatus();
  });

  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path || !MANIFEST_NAME.test(path)) return;
    session.openFiles.add(path);
    const text = document.getText();
    const over = textOverBudget(text, readLimits(session).budget);
    if (over) {
      if (session.model.getFile(path)) warnSkipped(connection, path, over);
      session.model.removeFile(path);
    } else {
      session.model.setFile(path, text);
    }
    diagnostics.publishAll();
    void valuesFileChanged(path);
  });

  documents.onDidOpen(async ({ document }) => {
    const path = uriToPath(document.uri);
    if (!path || !session.indexComplete) return;
    if ((await readRestOfChart(connection, session, path, reloadFromDisk)).length > 0) diagnostics.publishAll();
  });

  documents.onDidClose(async ({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    session.openFiles.delete(path);
    await reloadFromDisk(path);
    diagnostics.publishAll();
    await valuesFileChanged(path);
  });

  const reloadFromDisk = async (path: string) => {
    if (session.openFiles.has(path)) return;
    const read = await readManifest(path, readLimits(session));
    // Opened while it was being read: the editor's text wins over the disk's.
    if (session.openFiles.has(path)) return;
    if ('text' in read) {
      session.model.setFile(path, read.text);
    } else {
      if (existsSync(path)) warnSkipped(connection, path, read.skipped);
      session.model.removeFile(path);
    }
  };

  // Batches of file events apply one after the other, in the order the editor sent them.
  let fileEvents: Promise<void> = Promise.resolve();
  connection.onDidChangeWatchedFiles(({ changes }) => {
    fileEvents = fileEvents.then(async () => {
      await applyFileEvents(connection, session, changes, { reload: reloadFromDisk, changed: valuesFileChanged });
      diagnostics.publishAll();
      refreshLenses();
      refreshStatus();
    }).catch((e) => connection.console.error(`file events: ${(e as Error).stack ?? e}`));
    return fileEvents;
  });

  registerLanguageFeatures(connection, session, documents);
  registerCustomRequests(connection, session);
  // Connecting changes what bindings exist: diagnostics, and the "bound by N" lenses, follow.
  registerClusterRequests(connection, session, () => {
    diagnostics.publishAll();
    refreshLenses();
  });
  documents.listen(connection);
  connection.onShutdown(() => diagnostics.dispose());
  return connection;
}

/** The extensions named in a `YamlSyntaxReporters` of unknown shape (initializationOptions or the notification). */
function reportersOf(raw: unknown): string[] {
  const extensions = (raw as Partial<YamlSyntaxReporters> | undefined)?.extensions;
  return Array.isArray(extensions) ? extensions.filter((e): e is string => typeof e === 'string') : [];
}
