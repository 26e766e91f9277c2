import { readFileSync } from 'fs';
import { join } from 'path';
import { checkContext } from '../../../server/src/core/analysis';
import { consolidate } from '../../../server/src/core/consolidate/consolidate';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import type { Files } from '../../helpers/check-harness';
import { modelOf } from '../../helpers/check-harness';

export const logFixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/logs', name), 'utf8');

/** Reads a log and consolidates its denials against an in-memory workspace (no default roles). */
export function consolidateLog(text: string, files: Files = {}) {
  const denials = readLogText(text).denials;
  const context = checkContext(modelOf(files), { builtinRoles: false });
  return { denials, context, ...consolidate(context, denials) };
}

export const apiserver = (user: string, verb: string, resource: string, group: string, where: string) =>
  `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${where === 'cluster' ? 'at the cluster scope' : `in the namespace "${where}"`}`;
