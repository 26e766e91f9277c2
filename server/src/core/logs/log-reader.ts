import { denialOfAuditEvent, isAuditEvent } from '../audit/audit-event';
import { parseForbiddenMessage, type ParseOptions } from '../forbidden/parse-forbidden-message';
import type { Denial } from '../forbidden/types';
import { denialKey } from '../forbidden/denial-key';
import { BUDGETS } from '../budgets';

/** What a log held: its distinct denials in order of first appearance, and what was read. */
export interface LogReading {
  denials: Denial[];
  /** Audit events read (allowed ones included). */
  auditEvents: number;
  lines: number;
  /** Lines longer than the line limit: only their beginning was read. */
  truncatedLines: number;
}

/** Text is parsed in windows of about this size; the last lines of one window start the next. */
const WINDOW_CHARS = BUDGETS.logs.windowChars;
const OVERLAP_LINES = 4;
/** A longer line is cut here (an audit event with a huge request body, a minified dump). */
const MAX_LINE_CHARS = BUDGETS.logs.maxLineChars;

/**
 * Reads a log fed in chunks of any size, in bounded memory: only the current line, one text window and
 * the distinct denials are kept. A short paste gives exactly what the 403 parser gives for it.
 */
export class LogReader {
  private partial: string[] = [];
  private partialLength = 0;
  private window: string[] = [];
  private windowLength = 0;
  /**
   * The denials found, and which ones have a key of each hash (a whole log keeps one small number per
   * distinct denial instead of its key; keys are compared again only when hashes meet).
   */
  private readonly found: Denial[] = [];
  private readonly seen = new Map<number, number | number[]>();
  /** One copy of each text the kept denials hold (a log repeats its verbs, resources, namespaces and subjects). */
  private readonly texts = new Map<string, string>();
  private auditEvents = 0;
  private lines = 0;
  private truncatedLines = 0;

  constructor(private readonly options: ParseOptions = {}) {}

  push(chunk: string): void {
    let from = 0;
    for (let nl = chunk.indexOf('\n', from); nl !== -1; nl = chunk.indexOf('\n', from)) {
      this.appendPartial(chunk.slice(from, nl));
      this.line(this.partial.join(''));
      this.partial = [];
      this.partialLength = 0;
      from = nl + 1;
    }
    if (from < chunk.length) this.appendPartial(chunk.slice(from));
  }

  end(): LogReading {
    if (this.partialLength > 0) this.line(this.partial.join(''));
    this.partial = [];
    this.partialLength = 0;
    this.flushWindow(true);
    return { denials: [...this.found], auditEvents: this.auditEvents, lines: this.lines, truncatedLines: this.truncatedLines };
  }

  private appendPartial(text: string): void {
    const room = MAX_LINE_CHARS - this.partialLength;
    if (room <= 0) return;
    if (text.length > room) this.truncatedLines++;
    const kept = text.length > room ? text.slice(0, room) : text;
    this.partial.push(kept);
    this.partialLength += kept.length;
  }

  private line(text: string): void {
    this.lines++;
    if (this.auditLine(text)) return;
    this.window.push(text);
    this.windowLength += text.length + 1;
    if (this.windowLength >= WINDOW_CHARS) this.flushWindow(false);
  }

  /** An audit event on one line (JSON lines, as kube-apiserver writes them); false for any other line. */
  private auditLine(text: string): boolean {
    const trimmed = text.trimStart();
    if (!trimmed.startsWith('{') || !(trimmed.includes('"audit.k8s.io/') || trimmed.includes('"auditID"'))) return false;
    // Most events are allowed ones: only a forbid decision or a 403 is worth parsing.
    if (!trimmed.includes('"forbid"') && !trimmed.includes('403')) {
      this.auditEvents++;
      return true;
    }
    let event: unknown;
    try {
      event = JSON.parse(trimmed);
    } catch {
      return false;
    }
    if (!isAuditEvent(event)) return false;
    this.auditEvents++;
    const denial = denialOfAuditEvent(event);
    if (denial) this.add(denial);
    return true;
  }

  private flushWindow(last: boolean): void {
    if (this.window.length === 0) return;
    for (const denial of parseForbiddenMessage(this.window.join('\n'), this.options)) this.add(denial);
    // A message hard-wrapped over a window's end is read whole at the start of the next one.
    this.window = last ? [] : this.window.slice(-OVERLAP_LINES);
    this.windowLength = this.window.reduce((sum, l) => sum + l.length + 1, 0);
  }

  private add(denial: Denial): void {
    const key = denialKey(denial);
    const hash = hashOf(key);
    const bucket = this.seen.get(hash);
    if (bucket !== undefined && (typeof bucket === 'number' ? [bucket] : bucket).some((i) => denialKey(this.found[i]) === key)) return;
    const index = this.found.push(this.kept(denial)) - 1;
    if (bucket === undefined) this.seen.set(hash, index);
    else if (typeof bucket === 'number') this.seen.set(hash, [bucket, index]);
    else bucket.push(index);
  }

  /** The denial as kept: its texts shared with the other denials, and no longer part of the window they were read from. */
  private kept(denial: Denial): Denial {
    const text = <T extends string | null | undefined>(value: T): T => {
      if (typeof value !== 'string') return value;
      const known = this.texts.get(value);
      if (known !== undefined) return known as T;
      const copy = JSON.parse(JSON.stringify(value)) as string;
      this.texts.set(copy, copy);
      return copy as T;
    };
    const s = denial.subject;
    return {
      ...denial,
      subject: s && { kind: s.kind, name: text(s.name), namespace: text(s.namespace), groups: s.groups && s.groups.map(text) },
      verb: text(denial.verb), apiGroup: text(denial.apiGroup), resource: text(denial.resource), subresource: text(denial.subresource),
      resourceName: text(denial.resourceName), namespace: text(denial.namespace), nonResourceURL: text(denial.nonResourceURL),
      ...(denial.explanation !== undefined ? { explanation: text(denial.explanation) } : {}),
    };
  }
}

/** FNV-1a over the key's UTF-16 units: a 32-bit number that spreads keys evenly. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Every denial of a text held in memory: a whole JSON document of audit events, or any log or paste. */
export function readLogText(text: string, options: ParseOptions = {}): LogReading {
  const events = auditEventsOfDocument(text);
  if (events) {
    const reader = new LogReader(options);
    for (const event of events) reader.push(`${JSON.stringify(event)}\n`);
    return reader.end();
  }
  if (text.length <= WINDOW_CHARS && !text.includes('"auditID"') && !text.includes('audit.k8s.io/')) {
    return { denials: parseForbiddenMessage(text, options), auditEvents: 0, lines: text.split('\n').length, truncatedLines: 0 };
  }
  const reader = new LogReader(options);
  reader.push(text);
  return reader.end();
}

/** `jq`-printed events: one Event, an EventList, or an array of events; undefined for anything else. */
function auditEventsOfDocument(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('[')) || !trimmed.includes('audit.k8s.io/')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const items = Array.isArray(value) ? value : Array.isArray((value as { items?: unknown[] })?.items) ? (value as { items: unknown[] }).items : [value];
  return items.every(isAuditEvent) ? items : undefined;
}
