import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {commandTable, dashed, flagsOf, flagTable} from '../source/cli/commands-table.js';
import {packageRoot} from '../source/paths.js';
import {runCli} from './helpers/cli.js';

// Nothing listens on port 1: a command that tried to connect would fail with exit 2.
const unreachable = 'postgres://nobody@127.0.0.1:1/x';
const commands = commandTable.filter(command => command.name !== '');
const version = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version;

test('every command\'s --help, -h and help COMMAND print its usage and options, exit 0, and never connect', async t => {
	for (const command of commands) {
		const forms = [[command.name, '--help'], [command.name, '-h'], ['help', command.name]];
		const results = await Promise.all(forms.map(async form =>
			runCli([...form, '--database-url', unreachable], {databaseUrl: unreachable})));
		for (const [index, form] of forms.entries()) {
			const result = results[index]!;
			t.is(result.code, 0, `${form.join(' ')}: ${result.stderr}`);
			t.is(result.stderr, '', form.join(' '));
			t.true(result.stdout.startsWith(`Usage\n  $ ${command.usage}\n`), `${form.join(' ')}:\n${result.stdout}`);
			t.regex(result.stdout, /\nExamples\n {2}\$ .*wfmon /);
			for (const flag of flagsOf(command)) {
				t.true(result.stdout.includes(flag === 'apply' ? '--no-apply' : dashed(flag)), `${form.join(' ')} lists ${dashed(flag)}`);
			}
		}
	}
});

test('wfmon --help, -h and help list every command and every option, and exit 0 without connecting', async t => {
	for (const form of [['--help'], ['-h'], ['help']]) {
		const result = await runCli(form, {databaseUrl: unreachable});
		t.is(result.code, 0, result.stderr);
		t.regex(result.stdout, /^ {2}Terminal observability/);
		for (const command of commands) {
			t.regex(result.stdout, new RegExp(`\\n {2}${command.name}[ \\n]`), `lists ${command.name}`);
		}

		for (const name of Object.keys(flagTable)) {
			t.true(result.stdout.includes(name === 'apply' ? '--no-apply' : dashed(name)), `lists ${dashed(name)}`);
		}
	}
});

test('check --help shows check\'s thresholds and not the runs filters', async t => {
	const result = await runCli(['check', '--help'], {databaseUrl: unreachable});
	t.regex(result.stdout, /\n {2}--max-failure-rate 10%\s+breached when/);
	t.false(result.stdout.includes('--status'));
	t.false(result.stdout.includes('--interval'));
});

test('an option the command does not take is one line naming both, exit 2', async t => {
	const cases: Array<[string[], string]> = [
		[['snapshot', '--status', 'failed'], 'wfmon: snapshot does not take --status; run wfmon help snapshot for its options\n'],
		[['schema', 'verify', '--org', 'acme'], 'wfmon: schema does not take --org; run wfmon help schema for its options\n'],
		[['check', '--limit=3'], 'wfmon: check does not take --limit; run wfmon help check for its options\n'],
		[['demo', '--json'], 'wfmon: demo does not take --json; run wfmon help demo for its options\n'],
		[['--status', 'failed'], 'wfmon: wfmon (no command) does not take --status; run wfmon --help for its options\n'],
	];
	for (const [args, expected] of cases) {
		const result = await runCli([...args, '--database-url', unreachable]);
		t.is(result.code, 2, args.join(' '));
		t.is(result.stderr, expected);
		t.is(result.stdout, '');
	}
});

test('help for an unknown command is one line, exit 2', async t => {
	for (const args of [['help', 'frobnicate'], ['frobnicate', '--help']]) {
		const result = await runCli(args);
		t.is(result.code, 2);
		t.is(result.stderr, 'wfmon: unknown command "frobnicate"; run wfmon --help for the list\n');
	}
});

test('--version prints the package version, alone or after a command, without connecting', async t => {
	for (const args of [['--version'], ['snapshot', '--version']]) {
		const result = await runCli(args, {databaseUrl: unreachable});
		t.is(result.code, 0, result.stderr);
		t.is(result.stdout, `${version}\n`);
	}
});

test('an option given twice is one line, exit 2', async t => {
	const result = await runCli(['snapshot', '--org', 'a', '--org', 'b'], {databaseUrl: unreachable});
	t.is(result.code, 2);
	t.is(result.stderr, 'wfmon: --org can only be given once\n');
});

test('every command a flag names exists', t => {
	const names = new Set(commandTable.map(command => command.name));
	for (const [flag, spec] of Object.entries(flagTable)) {
		const named: readonly string[] = 'commands' in spec && Array.isArray(spec.commands) ? spec.commands : [];
		t.deepEqual(named.filter(name => !names.has(name)), [], `--${flag} names only real commands`);
	}
});
