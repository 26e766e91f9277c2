import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ChartFiles } from '../../server/src/core/helm/chart/chart-files';
import { createServer } from '../../server/src/server';
import { PLANTED_FAULT } from '../fuzz/adversarial-inputs';

/**
 * The language server over stdio (`node server-with-planted-fault.js --stdio`), with one fault planted:
 * reading a file whose text holds PLANTED_FAULT throws, as a defect no budget foresaw would. Protocol
 * tests run it to prove that a crash in one file's reading is caught at that file and the server goes on.
 */
const note = ChartFiles.prototype.note;
ChartFiles.prototype.note = function (path, text) {
  if (text.includes(PLANTED_FAULT)) throw new RangeError('Maximum call stack size exceeded');
  return note.call(this, path, text);
};

createServer({ connection: createConnection(ProposedFeatures.all) }).listen();
