import { plantFault } from './planted-fault';

/**
 * The CLI (`node cli-with-planted-fault.js check DIR`), built from the same sources, with one fault planted
 * (see planted-fault.ts): CLI tests run it to prove that a crash in one file's reading is caught at that file.
 */
plantFault();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../server/src/cli/main');
