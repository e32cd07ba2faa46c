import { describe, expect, test } from 'vitest';
import { parseList } from '../src/inputs';

describe('list inputs, read as docker/actions-toolkit reads them', () => {
  test.each([
    ['web\napi', {}, ['web', 'api']],
    ['web, api ,worker', {}, ['web', 'api', 'worker']],
    ['web\n\n  \napi\n', {}, ['web', 'api']],
    ['# the apps\nweb\n# api\nworker', {}, ['web', 'worker']],
    ['"a,b",c', {}, ['a,b', 'c']],
    ['"label with # inside"', {}, ['label with # inside']],
    ['type=registry,ref=ghcr.io/acme/web:cache', { ignoreComma: true }, ['type=registry,ref=ghcr.io/acme/web:cache']],
    [
      'type=registry,ref=ghcr.io/acme/web:cache\ntype=gha,scope=web',
      { ignoreComma: true },
      ['type=registry,ref=ghcr.io/acme/web:cache', 'type=gha,scope=web'],
    ],
    ['', {}, []],
    ['  ', {}, []],
  ] as const)('%j %j', (text, options, items) => {
    expect(parseList(text, options)).toEqual(items);
  });

  test('a list that is not comma separated stays whole per line with ignoreComma, quoted or not', () => {
    expect(parseList('"type=local,src=/tmp/cache"', { ignoreComma: true })).toEqual(['type=local,src=/tmp/cache']);
  });
});
