// Runs one argmax command in this process and, at exit, reports the peak
// resident set size on stderr as `peak_rss_mb=<number>`.
import { fileURLToPath } from 'node:url';

process.on('exit', () => {
  process.stderr.write(`\npeak_rss_mb=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
});
process.argv = [process.argv[0], 'argmax', ...process.argv.slice(2)];
await import(fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url)));
