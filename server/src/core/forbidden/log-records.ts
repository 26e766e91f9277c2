/**
 * A log line that starts its own record: klog's `E1129 `, a timestamp, a JSON object, logfmt's
 * `time=`/`level=`/`ts=`. Text made only of such lines has no hard-wrapped message: each line can be
 * read on its own.
 */
const RECORD_START = /^(?:[IWEF]\d{4} |\d{4}-\d{2}-\d{2}[T ]\d|\{"|(?:time|level|ts)=)/;

export function startsRecord(line: string): boolean {
  return RECORD_START.test(line);
}

/** Whether every line after the first starts a record (blank lines aside), and no escaped line break hides another. */
export function allLinesAreRecords(text: string): boolean {
  if (/\\n|\\r/.test(text)) return false;
  let from = text.indexOf('\n');
  while (from !== -1) {
    const next = text.indexOf('\n', from + 1);
    const line = text.slice(from + 1, next === -1 ? text.length : next);
    if (line.trim() !== '' && !startsRecord(line)) return false;
    from = next;
  }
  return true;
}
