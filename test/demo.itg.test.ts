// The demo is part of the tests: the story of README's first command, through the starter workflows.
import { expect, test } from 'vitest';
import { runStory } from '../demo/story';
import { dockerEngine, requireService } from './support/index';

test('the demo plays the whole flow through the starter workflows', async () => {
  requireService('docker', dockerEngine);
  const lines: string[] = [];
  const result = await runStory({ say: (line) => lines.push(line) });
  expect(result.failures, lines.join('\n')).toEqual([]);
  expect(result.ok).toBe(true);
  expect(lines.join('\n')).toContain('== 7. Where things stand');
}, 600_000);
