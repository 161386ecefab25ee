import {execFile, execFileSync} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {commandTable, flagsOf} from '../source/cli/commands-table.js';
import {flagUsage} from '../source/cli/help.js';
import {packageRoot} from '../source/paths.js';
import {runCli} from './helpers/cli.js';

const run = promisify(execFile);
const wfmon = `'${process.execPath}' '${path.join(packageRoot, 'bin', 'wfmon.js')}'`;

/** What bash offers after `wfmon WORDS…` with the cursor on the last word, using wfmon's script. */
async function bashCompletes(...words: string[]): Promise<string[]> {
	const line = ['wfmon', ...words].map(word => `'${word}'`).join(' ');
	const script = `source <(${wfmon} completion bash)
COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _wfmon; printf '%s\\n' "\${COMPREPLY[@]}"`;
	const {stdout} = await run('bash', ['--norc', '--noprofile', '-c', script]);
	return stdout.split('\n').filter(Boolean);
}

test('the bash script is valid bash and registers wfmon\'s completion', async t => {
	const {stdout} = await run('bash', ['--norc', '--noprofile', '-c', `source <(${wfmon} completion bash) && complete -p wfmon`]);
	t.is(stdout, 'complete -F _wfmon wfmon\n');
	const script = await runCli(['completion', 'bash']);
	t.is(script.code, 0);
	await t.notThrowsAsync(async () => run('bash', ['-n', '-c', script.stdout]));
});

test('bash completes every command, and each command\'s own options from the command table', async t => {
	const names = commandTable.map(command => command.name).filter(Boolean);
	t.deepEqual(await bashCompletes(''), names);
	for (const command of commandTable) {
		const options = flagsOf(command).map(name => flagUsage(name).split(' ')[0]!);
		const offered = await bashCompletes(...(command.name === '' ? [] : [command.name]), '--');
		t.deepEqual(offered, [...options, '--help'], `wfmon ${command.name} --`);
	}

	t.deepEqual(await bashCompletes('snapshot', '--w'), ['--window']);
	t.deepEqual(await bashCompletes('--org', 'acme', 'schema', ''), ['apply', 'status', 'verify']);
	t.deepEqual(await bashCompletes('completion', ''), ['bash', 'zsh']);
	t.deepEqual(await bashCompletes('--org', ''), [], 'a value is not completed as a command');
});

test('completion for another shell is one line, exit 2', async t => {
	const result = await runCli(['completion', 'fish']);
	t.is(result.code, 2);
	t.is(result.stderr, 'wfmon: completion takes bash or zsh, not "fish"; run wfmon help completion\n');
});

const hasZsh = (() => {
	try {
		execFileSync('zsh', ['--version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();
if (!hasZsh) {
	console.log('zsh is not installed: the zsh completion script is not syntax-checked (apt-get install zsh)');
}

(hasZsh ? test : test.skip)('the zsh script is valid zsh and names every command', async t => {
	const script = await runCli(['completion', 'zsh']);
	t.is(script.code, 0);
	t.true(script.stdout.startsWith('#compdef wfmon\n'));
	await t.notThrowsAsync(async () => run('zsh', ['-n', '-c', script.stdout]));
	for (const command of commandTable.filter(command => command.name !== '')) {
		t.true(script.stdout.includes(`'${command.name}:`), command.name);
	}
});
