import { println, type CliIo } from '../io';
export async function runForbidden(_argv: string[], io: CliIo): Promise<number> {
  println(io.stderr, 'not ready');
  return 2;
}
