/**
 * How kubectl's YAML 1.1 reader (sigs.k8s.io/yaml over go-yaml v2) resolves a plain scalar that YAML
 * 1.2 reads as a string: `yes`, `on`, `n` are booleans, `1_000` and `0b101` integers. Sexagesimal
 * numbers (`1:30`) are integers to other YAML 1.1 readers (PyYAML, Ruby); kubectl keeps them strings.
 * Undefined when every reader takes the text as the same string.
 */
export interface Yaml11Reading {
  /** What a YAML 1.1 reader makes of it, as a phrase: "the boolean true". */
  reads: string;
  /** Whether kubectl itself reads it so (false: only other YAML 1.1 tools do). */
  kubectl: boolean;
}

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const DIGITS_AND_UNDERSCORES = /^[0-9_]+$/;
const BINARY = /^0b[01_]+$/;
const BASE60_PART = /^[0-5]?[0-9]$/;
const BASE60_HEAD = /^[1-9][0-9_]*$/;

export function yaml11Reading(source: string): Yaml11Reading | undefined {
  if (TRUE_WORDS.has(source)) return { reads: 'the boolean true', kubectl: true };
  if (FALSE_WORDS.has(source)) return { reads: 'the boolean false', kubectl: true };
  const unsigned = source.startsWith('-') || source.startsWith('+') ? source.slice(1) : source;
  if (unsigned.includes('_') && DIGITS_AND_UNDERSCORES.test(unsigned) && /[0-9]/.test(unsigned)) {
    return { reads: `the number ${shortNumber(source.slice(0, 64).replace(/_/g, ''))}`, kubectl: true };
  }
  if (BINARY.test(unsigned) && /[01]/.test(unsigned.slice(2))) return { reads: `the number ${shortNumber(String(parseInt(unsigned.slice(2).replace(/_/g, ''), 2) * (source.startsWith('-') ? -1 : 1)))}`, kubectl: true };
  const parts = unsigned.split(':');
  if (parts.length > 1 && BASE60_HEAD.test(parts[0]) && parts.slice(1).every((p) => BASE60_PART.test(p))) {
    const value = parts.reduce((sum, p) => sum * 60 + Number(p.replace(/_/g, '')), 0);
    return { reads: `the number ${shortNumber(String(source.startsWith('-') ? -value : value))}`, kubectl: false };
  }
  return undefined;
}

/** A number as a message shows it: cut when it is too long to read. */
function shortNumber(digits: string): string {
  return digits.length > 30 ? `${digits.slice(0, 30)}...` : digits;
}
