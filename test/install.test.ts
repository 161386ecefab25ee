import {execFile} from 'node:child_process';
import {access, cp, mkdtemp, readdir, readFile, rm, symlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {packageRoot} from '../source/paths.js';
import {cliEnvironment} from './helpers/cli.js';
import {createTestDatabase} from './helpers/database.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

type PackageJson = {version: string; license: string; private?: boolean; devDependencies: Record<string, string>};

/** The package's files in a folder of their own: npm pack builds there, never in the dist/ the suite runs from. */
async function copyOfPackage(folder: string): Promise<string> {
	const copy = path.join(folder, 'wfmon');
	const files = ['source', 'test', 'bench', 'sql', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE'];
	for (const name of files) {
		await cp(path.join(packageRoot, name), path.join(copy, name), {recursive: true});
	}

	// The build needs the dev dependencies (typescript); the tarball never carries them.
	await symlink(path.join(packageRoot, 'node_modules'), path.join(copy, 'node_modules'));
	return copy;
}

test('npm pack builds a tarball that installs with no build step and no dev dependencies, and runs from any folder', async t => {
	t.timeout(5 * 60_000);
	const folder = await mkdtemp(path.join(tmpdir(), 'wfmon-install-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const copy = await copyOfPackage(folder);
	const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as PackageJson;
	t.is(manifest.license, 'MIT');
	t.is(manifest.private, undefined);

	const packed = await run(npm, ['pack', '--silent', '--pack-destination', folder], {cwd: copy, maxBuffer: 16 << 20});
	const tarball = path.join(folder, packed.stdout.trim().split('\n').at(-1)!);
	const prefix = path.join(folder, 'prefix');
	// --prefer-offline: the packages npm ci already fetched come from npm's cache.
	const install = ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball];
	await run(npm, install, {cwd: folder});

	const installed = path.join(prefix, 'lib', 'node_modules', 'wfmon');
	const present = async (name: string) => access(path.join(installed, 'node_modules', name)).then(() => true, () => false);
	const devDependencies = Object.keys(manifest.devDependencies);
	const installedDev = await Promise.all(devDependencies.map(async name => await present(name) ? name : undefined));
	t.deepEqual(installedDev.filter(Boolean), [], 'no dev dependency is installed');
	t.true(await present('meow'), 'the dependencies are');
	t.false((await readdir(installed)).includes('source'), 'only the compiled code ships');

	const wfmon = path.join(prefix, 'bin', 'wfmon');
	const version = await run(wfmon, ['--version'], {cwd: tmpdir(), env: cliEnvironment(undefined)});
	t.is(version.stdout, `${manifest.version}\n`);

	// sql/ is found beside the installed package, not in the current folder.
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const snapshot = await run(wfmon, ['snapshot'], {cwd: tmpdir(), env: cliEnvironment(database.url)});
	t.is((JSON.parse(snapshot.stdout) as {version: number}).version, 3);

	const completion = await run('bash', ['-c', `source <('${wfmon}' completion bash) && complete -p wfmon`], {cwd: tmpdir()});
	t.is(completion.stdout, 'complete -F _wfmon wfmon\n');
});
