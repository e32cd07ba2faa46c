// Entry of the demo (bundled to .tmp/demo/index.js by scripts/demo.sh): plays the story, prints a verdict.
// `--private` plays it as private repositories without code scanning or GitHub's attestation storage.
import { runStory } from './story';

// The GitHub API double's schema validator warns about every `format: uri` it does not check: not news here.
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (!/unknown format/.test(String(args[0]))) warn(...args);
};

const started = Date.now();
try {
  const result = await runStory({
    say: (line) => process.stdout.write(`${line}\n`),
    visibility: process.argv.includes('--private') ? 'private' : 'public',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.ok) {
    process.stdout.write(`\n\u001b[1mdemo: the whole flow works (${seconds} s)\u001b[0m\n`);
  } else {
    process.stdout.write(
      `\n\u001b[1mdemo: ${result.failures.length} step(s) failed: ${result.failures.join('; ')}\u001b[0m\n`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  process.stdout.write(`\ndemo: could not run: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
}
