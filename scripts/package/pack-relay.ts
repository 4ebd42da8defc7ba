// `npm run pack:relay`: compiles the relay to JavaScript and packs it as an installable npm package
// (`npm install -g ./undertone-relay-VERSION.tgz`, then `undertone-relay serve`), with only the relay's runtime
// dependencies, no TypeScript runner and no build tools. Prints the tarball's path on the last line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

type RootPackage = { version: string; license: string; engines: { node: string }; dependencies: Record<string, string> };

function fail(message: string): never {
  console.error(`pack:relay: ${message}`);
  process.exit(1);
}

/** Every JavaScript file under a folder. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Packages the compiled relay imports (bare specifiers, without node: built-ins), by their package name. */
function importedPackages(dist: string): Set<string> {
  const names = new Set<string>();
  for (const file of jsFiles(dist)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = match[1] ?? match[2]!;
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = resolve(values.out ?? join(ROOT, '.output'));
  const stage = join(outDir, 'relay-package');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'bin'), { recursive: true });

  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  try {
    execFileSync(tsc, ['-p', join(ROOT, 'tsconfig.relay.json'), '--outDir', join(stage, 'dist'), '--sourceMap', 'false'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    fail('compiling the relay failed (see above)');
  }

  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as RootPackage;
  const dependencies: Record<string, string> = {};
  for (const name of [...importedPackages(join(stage, 'dist'))].sort()) {
    const version = root.dependencies[name];
    if (!version) fail(`the relay imports "${name}", which is not in package.json's dependencies`);
    dependencies[name] = version;
  }
  const manifest = {
    name: 'undertone-relay',
    version: root.version,
    description: 'The Undertone relay: whispers, listen-in and help requests between a support team\'s browsers, with its admin commands.',
    type: 'module',
    license: root.license,
    engines: root.engines,
    bin: { 'undertone-relay': 'bin/undertone-relay.mjs' },
    files: ['bin/', 'dist/', 'docs/', 'README.md', 'npm-shrinkwrap.json'],
    dependencies,
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(stage, 'bin', 'undertone-relay.mjs'),
    "#!/usr/bin/env node\n// The `undertone-relay` command of the installed relay package: compiled JavaScript, no build tools.\nawait import('../dist/lib/relay-command/undertone-relay.js');\n",
    { mode: 0o755 },
  );
  mkdirSync(join(stage, 'docs'));
  for (const doc of ['admin.md', 'scaling.md', 'security.md', 'protocol.md']) {
    try {
      copyFileSync(join(ROOT, 'docs', doc), join(stage, 'docs', doc));
    } catch {
      // A guide that does not exist in this checkout is left out.
    }
  }
  writeFileSync(
    join(stage, 'README.md'),
    `# undertone-relay ${root.version}\n\nThe Undertone relay, compiled. Install with \`npm install -g ./undertone-relay-${root.version}.tgz\`, then run\n\`undertone-relay serve --data /var/lib/undertone\`. Node.js ${root.engines.node}. See docs/admin.md.\n`,
  );

  // A shrinkwrap pins every transitive dependency to the versions this checkout's lockfile tested: `npm install -g`
  // of the tarball honours it, and `npm ci --omit=dev` works in the unpacked package.
  copyFileSync(join(ROOT, 'package-lock.json'), join(stage, 'package-lock.json'));
  try {
    execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    fail('npm could not lock the relay package\'s dependencies (see above)');
  }
  renameSync(join(stage, 'package-lock.json'), join(stage, 'npm-shrinkwrap.json'));

  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' })) as { filename: string }[];
  const tarball = join(outDir, packed[0]!.filename);
  console.log(`relay package with ${Object.keys(dependencies).join(', ')}; install it with: npm install -g ${tarball}`);
  console.log(tarball);
}

main();
