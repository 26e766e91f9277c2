import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './server';

// The one place that creates the connection; the transport (stdio, ipc, pipe) comes from argv.
createServer({ connection: createConnection(ProposedFeatures.all) }).listen();
