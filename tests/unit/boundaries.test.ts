import { builtinModules } from 'node:module';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

/** The lines of `code` that a boundary rule flags, 1-based. */
async function flaggedLines(filePath: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const lines = (result?.messages ?? []).filter((message) => message.ruleId !== null && BOUNDARY_RULES.has(message.ruleId)).map((m) => m.line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

async function restrictedImports(filePath: string, code: string): Promise<number> {
  return (await flaggedLines(filePath, code)).length;
}

const everyLine = (lines: readonly string[]): number[] => lines.map((_, index) => index + 1);

describe('process boundaries are lint errors', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
    ['shared/domain/x.ts', "import type { Server } from 'http';"],
    ['shared/domain/x.ts', "export * from 'fs/promises';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { join } from 'node:path';"],
    ['renderer/src/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
    ['renderer/src/x.ts', "import pg from 'pg';"],
    ['renderer/src/x.ts', "const backend = await import('../../backend/db/as-caller.ts');"],
    ['backend/engine/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['backend/engine/x.ts', "import pg from 'pg';"],
    ['backend/engine/x.ts', "import Client from 'pg/lib/client';"],
    ['shared/domain/x.ts', "import { jsx } from 'react/jsx-runtime';"],
    ['shared/domain/x.ts', "const page = await import('../../renderer/src/App.tsx');"],
    ['backend/engine/x.ts', "import { BrowserWindow } from 'electron';"],
    ['backend/engine/x.ts', "const zlib = await import('zlib');"],
    ['backend/engine/x.ts', "const name = 'zlib'; const zlib = await import(name);"],
    ['electron/preload/x.ts', "import { asCaller } from '../../backend/db/as-caller.ts';"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toBe(1);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['shared/domain/x.ts', "import { guardThreshold } from './conflict-rules.ts';"],
    ['renderer/src/x.ts', "import { operations } from '../../shared/contract/operations.ts';"],
    ['renderer/src/x.ts', "const page = await import('./features/health/HealthBoard.tsx');"],
    ['backend/engine/x.ts', "import { createCredentialBox } from '../crypto/credential-box.ts';"],
    ['backend/db/x.node.ts', "import pg from 'pg';"],
    ['backend/db/x.node.ts', "import { gzipSync } from 'zlib';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toBe(0);
  });

  // Every built-in Node module, however it is named: the list comes from Node itself, so a
  // module a later Node adds is covered without editing the rule.
  it.each(['shared/domain/x.ts', 'backend/engine/x.ts', 'renderer/src/x.ts', 'electron/preload/x.ts'])(
    '%s may import no Node built-in, with or without the node: prefix, statically or dynamically',
    async (filePath) => {
      const names = builtinModules.filter((name) => !name.startsWith('_'));
      const lines = names.flatMap((name, index) => [
        `import * as bare${index} from '${name}';`,
        `import * as prefixed${index} from 'node:${name}';`,
        `const dynamic${index} = await import('${name}');`,
      ]);
      expect(await flaggedLines(filePath, lines.join('\n'))).toEqual(everyLine(lines));
    },
  );
});

describe('import cycles are lint errors', () => {
  it('reports a module that imports one of its own importers', async () => {
    // to-app-error.ts imports SourceError from member-source.ts; this version of member-source
    // imports to-app-error back.
    const code = "import { toAppErrorPayload } from '../rpc/to-app-error.ts';\nexport const describe = toAppErrorPayload;\n";
    const [result] = await eslint.lintText(code, { filePath: 'backend/adapters/member-source.ts' });
    expect(result?.messages.filter((message) => message.ruleId === 'import-x/no-cycle')).toHaveLength(1);
  });
});
