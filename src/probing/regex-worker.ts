import { parentPort } from 'node:worker_threads';
import type RE2 from 're2';
import { compileBodyRegex } from '../targets/body-regex';

/** A body to match, sent to the regex thread. */
export interface RegexRequest {
  id: number;
  source: string;
  text: string;
}

/** The thread's answer: matched or not, or why the pattern does not compile. */
export interface RegexReply {
  id: number;
  matched?: boolean;
  invalid?: string;
}

/** Patterns compiled so far; each is compiled once, whatever number of targets use it. */
const compiled = new Map<string, RE2 | { invalid: string }>();
const MAX_COMPILED = 10_000;

function compiledOf(source: string): RE2 | { invalid: string } {
  let found = compiled.get(source);
  if (!found) {
    try {
      found = compileBodyRegex(source);
    } catch (err) {
      found = { invalid: (err as Error).message };
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(source, found);
  }
  return found;
}

const port = parentPort;
if (port) {
  port.on('message', ({ id, source, text }: RegexRequest) => {
    const re = compiledOf(source);
    const reply: RegexReply =
      'invalid' in re ? { id, invalid: re.invalid } : { id, matched: re.test(text) };
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
