import type { Connection } from 'vscode-languageserver';
import type { Session } from './session';
export function registerCustomRequests(_connection: Connection, _session: Session): void {}
