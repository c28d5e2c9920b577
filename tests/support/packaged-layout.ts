import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The app as electron-builder packages it, for tests that cannot run electron-builder here:
 * the files its `files` globs select (electron-builder.yml), copied to a folder of their own,
 * with the production dependencies beside them. The built main process run from that folder
 * can read nothing the package would not hold.
 */

export const repoRoot = path.resolve(import.meta.dirname, '../..');

const BuilderConfig = z.object({ files: z.array(z.string()).min(1) });

/** Repository files (relative, with forward slashes) that electron-builder.yml's `files` include. */
export function packagedFiles(): string[] {
  const { files } = BuilderConfig.parse(parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')));
  const include = files.filter((pattern) => !pattern.startsWith('!'));
  const exclude = files.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const selected: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // electron-builder adds production dependencies itself; git and tests are never packaged.
        if (!['node_modules', '.git'].includes(entry.name)) walk(file);
      } else if (
        include.some((pattern) => minimatch(file, pattern, { dot: true })) &&
        !exclude.some((pattern) => minimatch(file, pattern, { dot: true }))
      ) {
        selected.push(file);
      }
    }
  };
  walk('');
  return selected.sort();
}

/** Copies the packaged files into `into` and links node_modules beside them. */
export function stagePackagedApp(into: string): string[] {
  const files = packagedFiles();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(into, file));
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return files;
}

/** The packages a bundle imports or requires by bare name: `zod`, `@electric-sql/pglite`, never `node:fs` or a relative path. */
export function bareImports(bundle: string): string[] {
  const specifiers = [
    ...bundle.matchAll(/\bfrom\s*["']([^"'.][^"']*)["']|\brequire\(\s*["']([^"'.][^"']*)["']\s*\)|\bimport\(\s*["']([^"'.][^"']*)["']\s*\)/g),
  ].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
  const packages = specifiers
    .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0] ?? ''))
    .map((specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '')));
  return [...new Set(packages)].sort();
}
