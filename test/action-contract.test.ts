import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { actionCodeFolders, actionFolders, checkActionContract, checkChangeInputs } from './support/action-contract';
import { projectRoot } from './support/run-action';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'contract');

describe('the action contract check', () => {
  test('passes an action whose code reads and sets exactly what action.yml declares', () => {
    expect(checkActionContract(path.join(fixtures, 'good'), 'echo')).toEqual([]);
  });

  test('names every mismatch', () => {
    const root = path.join(fixtures, 'bad');
    const code = path.join(root, 'actions/echo/src/main.ts');
    expect(checkActionContract(root, 'echo')).toEqual([
      'echo/action.yml: no branding icon and color',
      'echo/action.yml: runs.using is node20, expected node24',
      'echo/action.yml: runs.main is dist/index.js, expected ../dist/echo/index.js',
      'echo/action.yml: optional input volume has no default',
      `${code}: input name name is not a string literal; name it literally so this check can see it`,
      'echo/action.yml: the code reads input mesage, which is not declared',
      'echo/action.yml: input message is declared but the code never reads it',
      'echo/action.yml: input volume is declared but the code never reads it',
      'echo/action.yml: the code sets output spoken, which is not declared',
      'echo/action.yml: output said is declared but the code never sets it',
    ]);
  });
});

describe("this project's actions", () => {
  const actions = actionFolders(projectRoot);

  test('every action folder has code under actions/ and every action code folder has an action.yml', () => {
    expect(actionCodeFolders(projectRoot)).toEqual(actions);
  });

  test('every action reads and sets exactly what its action.yml declares', () => {
    expect(Object.fromEntries(actions.map((name) => [name, checkActionContract(projectRoot, name)]))).toEqual(
      Object.fromEntries(actions.map((name) => [name, []])),
    );
  });

  test('deploy and promote declare the change inputs as the engine specifies them (name, default, words)', () => {
    expect({
      deploy: checkChangeInputs(projectRoot, 'deploy'),
      promote: checkChangeInputs(projectRoot, 'promote'),
    }).toEqual({ deploy: [], promote: [] });
  });
});
