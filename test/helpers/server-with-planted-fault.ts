import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from '../../server/src/server';
import { plantFault } from './planted-fault';

/**
 * The language server over stdio (`node server-with-planted-fault.js --stdio`), built from the same
 * sources, with one fault planted (see planted-fault.ts): protocol tests run it to prove that a crash in
 * one file's reading is caught at that file and the server goes on.
 */
plantFault();
createServer({ connection: createConnection(ProposedFeatures.all) }).listen();
