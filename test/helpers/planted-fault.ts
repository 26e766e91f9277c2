import { ChartFiles } from '../../server/src/core/helm/chart/chart-files';
import { PLANTED_FAULT } from '../fuzz/adversarial-inputs';

/**
 * Plants one fault in this process: reading a file whose text holds PLANTED_FAULT throws, as a defect no
 * budget foresaw would. Only for the entry points below, which run in processes of their own.
 */
export function plantFault(): void {
  const note = ChartFiles.prototype.note;
  ChartFiles.prototype.note = function (path, text) {
    if (text.includes(PLANTED_FAULT)) throw new RangeError('Maximum call stack size exceeded');
    return note.call(this, path, text);
  };
}
