import {execFile, spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {environmentWithoutDatabase, runWfmon} from './helpers/binary.js';
import {createTestDatabase, serverUrl, type TestDatabase} from './helpers/database.js';

// psql is the reference: wfmon must reach the database psql reaches with the same files and variables.
const psqlMissing = spawnSync('psql', ['--version']).error !== undefined;

let databases: Promise<TestDatabase[]> | undefined;

/** The two databases every routing test reads (made once: only their names matter). */
async function sharedDatabases(): Promise<[TestDatabase, TestDatabase]> {
	databases ??= Promise.all([createTestDatabase({migrated: true}), createTestDatabase({migrated: true})]);
	const [a, b] = await databases;
	return [a!, b!];
}

test.after.always(async () => {
	await Promise.all((await databases ?? []).map(async database => database.drop()));
});

type Setup = {a: Pick<TestDatabase, 'name'>; b: Pick<TestDatabase, 'name'>; directory: string; environment: NodeJS.ProcessEnv};

/**
Two databases on the test server, so a wrong route shows, and a home with a
user service file and a system one (PGSYSCONFDIR):
- [shared] in both, the user's without a dbname: libpq uses the user's whole,
  so the database comes from PGDATABASE, never from the system file's;
- [system] only in the system file;
- [badhost], host a name that does not resolve, hostaddr the server's address.
*/
async function setup(t: ExecutionContext, options: {databases: boolean} = {databases: true}): Promise<Setup> {
	const [a, b] = options.databases ? await sharedDatabases() : [{name: 'never_reached_a'}, {name: 'never_reached_b'}];
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-service-'));
	t.teardown(async () => fs.rm(directory, {recursive: true, force: true}));
	const server = new URL(serverUrl());
	const where = `host=${server.hostname}\nport=${server.port || '5432'}\nuser=${decodeURIComponent(server.username)}`;
	await fs.mkdir(path.join(directory, 'etc'));
	await fs.writeFile(path.join(directory, '.pg_service.conf'), [
		'# the user file',
		'[shared]',
		where,
		`[to-a]`,
		`  ${where.replaceAll('\n', '\n  ')}`,
		`dbname=${a.name}   `,
		'[badhost]',
		'host=no-such-host.invalid',
		`hostaddr=${net.isIP(server.hostname) === 0 ? '127.0.0.1' : server.hostname}`,
		`port=${server.port || '5432'}`,
		`user=${decodeURIComponent(server.username)}`,
		`dbname=${b.name}`,
		'',
	].join('\n'));
	await fs.writeFile(path.join(directory, 'etc', 'pg_service.conf'), [
		'[shared]',
		where,
		`dbname=${b.name}`,
		'[system]',
		where,
		`dbname=${b.name}`,
		'',
	].join('\n'));
	const environment = environmentWithoutDatabase({
		HOME: directory,
		PGSYSCONFDIR: path.join(directory, 'etc'),
		PGPASSWORD: decodeURIComponent(server.password),
	});
	delete environment['PGSERVICEFILE'];
	if (server.password === '') {
		delete environment['PGPASSWORD'];
	}

	return {a, b, directory, environment};
}

/** The database psql reaches with these arguments and variables. */
async function psqlDatabase(arguments_: string[], environment: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('psql', ['-X', '-Atc', 'select current_database()', ...arguments_], {env: environment, encoding: 'utf8'}, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`psql failed: ${stderr}`));
			} else {
				resolve(stdout.trim());
			}
		});
	});
}

/** The database wfmon reaches, as its snapshot reports it (the server's current_database()). */
async function wfmonDatabase(t: ExecutionContext, arguments_: string[], environment: NodeJS.ProcessEnv): Promise<string> {
	const result = await runWfmon(['snapshot', '--no-apply', ...arguments_], {env: environment});
	t.is(result.stderr, '');
	t.is(result.exitCode, 0);
	return (JSON.parse(result.stdout) as {database: {database: string}}).database.database;
}

type Route = {
	title: string;
	psql: string[];
	wfmon: string[];
	variables: Record<string, string>;
	expect: 'a' | 'b';
};

const routes: Route[] = [
	{title: '--service, from ~/.pg_service.conf', psql: ['service=to-a'], wfmon: ['--service', 'to-a'], variables: {}, expect: 'a'},
	{title: 'PGSERVICE, from ~/.pg_service.conf', psql: [], wfmon: [], variables: {PGSERVICE: 'to-a'}, expect: 'a'},
	{title: '--service, from PGSYSCONFDIR/pg_service.conf', psql: ['service=system'], wfmon: ['--service', 'system'], variables: {}, expect: 'b'},
	{
		title: 'the user file\'s service is used whole: its missing dbname comes from PGDATABASE, not the system file',
		psql: ['service=shared'], wfmon: ['--service', 'shared'], variables: {PGDATABASE: 'a'}, expect: 'a',
	},
	{title: 'the service wins over PGDATABASE', psql: [], wfmon: [], variables: {PGSERVICE: 'to-a', PGDATABASE: 'b'}, expect: 'a'},
	{title: 'hostaddr is where the connection goes; host is only its name', psql: ['service=badhost'], wfmon: ['--service', 'badhost'], variables: {}, expect: 'b'},
];

for (const route of routes) {
	test(`routes like psql: ${route.title}`, async t => {
		if (psqlMissing) {
			t.log('skipped: psql is not installed (Debian: postgresql-client), and it is the reference');
			t.pass();
			return;
		}

		const {a, b, environment} = await setup(t);
		const names = {a: a.name, b: b.name};
		const variables = Object.fromEntries(Object.entries(route.variables).map(([name, value]) =>
			[name, value === 'a' || value === 'b' ? names[value] : value]));
		const withVariables = {...environment, ...variables};
		const viaPsql = await psqlDatabase(route.psql, withVariables);
		t.is(viaPsql, names[route.expect], 'psql itself');
		t.is(await wfmonDatabase(t, route.wfmon, withVariables), viaPsql);
	});
}

test('settings in the URL win over the service\'s, and the service fills in what the URL leaves out, as psql has it', async t => {
	if (psqlMissing) {
		t.log('skipped: psql is not installed (Debian: postgresql-client), and it is the reference');
		t.pass();
		return;
	}

	const {a, b, environment} = await setup(t);
	const server = new URL(serverUrl());
	const urlToB = `postgresql://${server.host}/${b.name}`;
	const withService = {...environment, PGSERVICE: 'to-a', PGUSER: 'nobody-at-all'};
	t.is(await psqlDatabase([urlToB], withService), b.name);
	t.is(await wfmonDatabase(t, ['--database-url', urlToB], withService), b.name);
	// No database in the URL: the service's (A). Its user also wins over PGUSER.
	const urlWithoutDatabase = `postgresql://${server.host}`;
	t.is(await psqlDatabase([urlWithoutDatabase], withService), a.name);
	t.is(await wfmonDatabase(t, ['--database-url', urlWithoutDatabase], withService), a.name);
	t.is(await wfmonDatabase(t, ['--database-url', urlWithoutDatabase, '--service', 'to-a'], {...environment, PGUSER: 'nobody-at-all'}), a.name);
});

test('--service wins over DATABASE_URL: a flag beats the environment', async t => {
	const {b, environment} = await setup(t);
	t.is(await wfmonDatabase(t, ['--service', 'system'], {...environment, DATABASE_URL: serverUrl()}), b.name);
});

test('an unknown service is one line naming the files searched, exit 2, through --service and PGSERVICE', async t => {
	const {directory, environment} = await setup(t, {databases: false});
	const files = `${path.join(directory, '.pg_service.conf')} or ${path.join(directory, 'etc', 'pg_service.conf')}`;
	for (const [arguments_, variables] of [[['--service', 'nope'], {}], [[], {PGSERVICE: 'nope'}]] as const) {
		const result = await runWfmon(['snapshot', ...arguments_], {env: {...environment, ...variables}});
		t.is(result.exitCode, 2);
		t.is(result.stdout, '');
		t.is(result.stderr, `wfmon: service "nope" is not defined in ${files}\n`);
	}
});

test('a syntax error in the service is one line naming the file and line, exit 2; a missing PGSERVICEFILE is named', async t => {
	const {directory, environment} = await setup(t, {databases: false});
	const file = path.join(directory, 'broken.conf');
	await fs.writeFile(file, '[ok]\nhost=127.0.0.1\n\n[broken]\n# fine\nhost 127.0.0.1\n');
	const withFile = {...environment, PGSERVICEFILE: file};
	const broken = await runWfmon(['snapshot', '--service', 'broken'], {env: withFile});
	t.is(broken.exitCode, 2);
	t.is(broken.stderr, `wfmon: syntax error in service file "${file}", line 6: expected keyword=value\n`);

	await fs.writeFile(file, '[broken]\nhots=127.0.0.1\n');
	const misspelt = await runWfmon(['snapshot', '--service', 'broken'], {env: withFile});
	t.is(misspelt.exitCode, 2);
	t.is(misspelt.stderr, `wfmon: syntax error in service file "${file}", line 2: unknown connection option "hots"\n`);

	const missing = path.join(directory, 'missing.conf');
	const absent = await runWfmon(['snapshot', '--service', 'system'], {env: {...environment, PGSERVICEFILE: missing}});
	t.is(absent.exitCode, 2);
	t.is(absent.stderr, `wfmon: service file "${missing}" (PGSERVICEFILE) not found\n`);
});

test('a password from the service file is never echoed in an error', async t => {
	const {directory, environment} = await setup(t, {databases: false});
	const file = path.join(directory, 'secret.conf');
	await fs.writeFile(file, '[secret]\nhost=127.0.0.1\nport=1\npassword=hunter2-secret\n');
	const result = await runWfmon(['snapshot', '--service', 'secret', '--connect-timeout', '2s'], {env: {...environment, PGSERVICEFILE: file}});
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /^wfmon: cannot connect to 127\.0\.0\.1:1: connection refused/);
	t.false(result.stderr.includes('hunter2'));
});
