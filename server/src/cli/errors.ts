export { UsageError } from './parse-args';

/** Unreadable input: a path that does not exist, a file that cannot be read… (exit 2) */
export class InputError extends Error {}

export const VERSION = '0.1.0';
