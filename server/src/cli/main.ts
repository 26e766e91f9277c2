import { dropOutputWhenPipeCloses } from './io';
import { runCli } from './run-cli';

dropOutputWhenPipeCloses(process.stdout);
dropOutputWhenPipeCloses(process.stderr);

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rbac-doctor: ${(error as Error).message ?? error}\n`);
    process.exitCode = 2;
  },
);
