// The demo is part of the tests: the story of README's first command, through the starter workflows, played in
// the two configurations teams have: public repositories, and private ones without code scanning on a plan where
// GitHub stores no attestation.
import { expect, test } from 'vitest';
import { runStory } from '../demo/story';
import { dockerEngine, requireService } from './support/index';

for (const visibility of ['public', 'private'] as const) {
  test(`the demo plays the whole flow through the starter workflows (${visibility} repositories)`, async () => {
    requireService('docker', dockerEngine);
    const lines: string[] = [];
    const result = await runStory({ say: (line) => lines.push(line), visibility });
    expect(result.failures, lines.join('\n')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(lines.join('\n')).toContain('== 7. Where things stand');
    expect(lines.join('\n')).toContain('== 8. An app pull request gets a preview');
  }, 600_000);
}
