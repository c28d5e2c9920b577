import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').length;
}

describe('process boundaries are lint errors', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { join } from 'node:path';"],
    ['renderer/src/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
    ['renderer/src/x.ts', "import pg from 'pg';"],
    ['backend/engine/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['backend/engine/x.ts', "import pg from 'pg';"],
    ['backend/engine/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/preload/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toBe(1);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['renderer/src/x.ts', "import { operations } from '../../shared/contract/operations.ts';"],
    ['backend/engine/x.ts', "import { createCredentialBox } from '../crypto/credential-box.ts';"],
    ['backend/db/x.node.ts', "import pg from 'pg';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toBe(0);
  });
});
