import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {environmentWithoutDatabase, runWfmon} from './helpers/binary.js';
import {createTestDatabase, urlFor, withClient} from './helpers/database.js';

/** A config home with `config` as wfmon/config.json (text as is, or an object as JSON); the environment that uses it. */
async function configHome(t: ExecutionContext, config: unknown): Promise<{file: string; environment: NodeJS.ProcessEnv}> {
	const home = await fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-contexts-'));
	t.teardown(async () => fs.rm(home, {recursive: true, force: true}));
	const file = path.join(home, 'wfmon', 'config.json');
	await fs.mkdir(path.dirname(file));
	await fs.writeFile(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
	return {file, environment: environmentWithoutDatabase({XDG_CONFIG_HOME: home, HOME: home})};
}

function withPassword(url: string, password: string): string {
	const parsed = new URL(url);
	parsed.password = password;
	return parsed.toString();
}

test('wfmon contexts lists every context, passwords as ***; --json gives the same as an array; the file is left as it was', async t => {
	// Listed, never connected to: a fixed URL, whichever server the suite runs on.
	const secretUrl = `${withPassword('postgres://postgres@127.0.0.1:5432/postgres', 'pa55-word')}?sslmode=disable&password=other-secret`;
	const config = {
		contexts: {
			prod: {service: 'prod-db', org: 'acme', window: '24h', interval: '10s', label: 'PRODUCTION', colour: 'red', readOnly: true},
			dev: {url: secretUrl},
		},
	};
	const {file, environment} = await configHome(t, config);
	const before = await fs.readFile(file, 'utf8');
	const table = await runWfmon(['contexts'], {env: environment});
	t.is(table.exitCode, 0);
	t.is(table.stderr, '');
	t.false(table.stdout.includes('pa55-word'));
	t.false(table.stdout.includes('other-secret'));
	const lines = table.stdout.trimEnd().split('\n');
	t.is(lines.length, 3);
	t.regex(lines[0]!, /^NAME +CONNECTION +ORG +WINDOW +INTERVAL +LABEL +COLOUR +READ-ONLY$/);
	t.regex(lines[1]!, /^prod +service=prod-db +acme +24h +10s +PRODUCTION +red +yes$/);
	t.regex(lines[2]!, /^dev +postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\/postgres\?sslmode=disable&password=\*\*\* +- +- +- +dev +- +no$/);

	const json = await runWfmon(['contexts', '--json'], {env: environment});
	t.is(json.exitCode, 0);
	const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
	t.deepEqual(listed.map(context => context['name']), ['prod', 'dev']);
	t.like(listed[0], {service: 'prod-db', org: 'acme', window: '24h', interval: '10s', label: 'PRODUCTION', colour: 'red', readOnly: true});
	t.like(listed[1], {label: 'dev', readOnly: false});
	t.false(json.stdout.includes('pa55-word'));
	t.false(json.stdout.includes('other-secret'));
	t.is(await fs.readFile(file, 'utf8'), before);
});

test('--context connects where the context says, with its window; --database-url and --window given on the command line win', async t => {
	const [mine, other] = await Promise.all([createTestDatabase({migrated: true}), createTestDatabase({migrated: true})]);
	t.teardown(mine.drop);
	t.teardown(other.drop);
	const {environment} = await configHome(t, {contexts: {staging: {url: mine.url, window: '24h', label: 'STAGING', colour: 'yellow'}}});
	const snapshot = async (...arguments_: string[]) => {
		const result = await runWfmon(['snapshot', '--context', 'staging', ...arguments_], {env: environment});
		t.is(result.stderr, '');
		t.is(result.exitCode, 0);
		return JSON.parse(result.stdout) as {database: {database: string}; window: {name: string}};
	};

	t.like(await snapshot(), {database: {database: mine.name}, window: {name: '24h'}});
	t.like(await snapshot('--database-url', urlFor(other.name), '--window', '5m'), {database: {database: other.name}, window: {name: '5m'}});
	// A context's connection also beats DATABASE_URL: asking for a context is explicit.
	const result = await runWfmon(['snapshot', '--context', 'staging'], {env: {...environment, DATABASE_URL: urlFor(other.name)}});
	t.is((JSON.parse(result.stdout) as {database: {database: string}}).database.database, mine.name);
});

test('a readOnly context never writes: the schema is not applied, where the same context without it applies it', async t => {
	const [replica, writable] = await Promise.all([createTestDatabase(), createTestDatabase()]);
	t.teardown(replica.drop);
	t.teardown(writable.drop);
	const {environment} = await configHome(t, {contexts: {replica: {url: replica.url, readOnly: true}, writable: {url: writable.url}}});
	const tables = async (url: string) => withClient(url, async client =>
		Number((await client.query<{n: string}>('SELECT count(*) AS n FROM pg_tables WHERE schemaname = \'public\'')).rows[0]?.n));
	await runWfmon(['snapshot', '--context', 'replica'], {env: environment});
	t.is(await tables(replica.url), 0);
	await runWfmon(['snapshot', '--context', 'writable'], {env: environment});
	t.true(await tables(writable.url) > 0);
});

const badFiles: Array<{title: string; config: unknown; problem: string}> = [
	{title: 'invalid JSON', config: '{"contexts": {"prod": {"url": "postgres://u:secret@h/db",}}}', problem: 'is not valid JSON (line 1, column 58)'},
	{title: 'an unknown key', config: {contexts: {prod: {url: 'postgres://h/db', colur: 'red'}}}, problem: 'unknown key "contexts.prod.colur" (known: url, service, org, window, interval, label, colour, color, readOnly)'},
	{title: 'an unknown top-level key', config: {context: {}}, problem: 'unknown key "context" (known: contexts)'},
	{title: 'a wrong type', config: {contexts: {prod: {url: 'postgres://h/db', readOnly: 'yes'}}}, problem: 'contexts.prod.readOnly must be true or false'},
	{title: 'no connection', config: {contexts: {prod: {org: 'acme'}}}, problem: 'contexts.prod needs a connection: "url" or "service", one of them'},
	{title: 'a bad window', config: {contexts: {prod: {service: 's', window: '2h'}}}, problem: 'contexts.prod.window must be one of 5m, 1h, 24h, 7d (got "2h")'},
	{title: 'a bad colour', config: {contexts: {prod: {service: 's', colour: 'scarlet'}}}, problem: 'contexts.prod.colour must be one of red, green, yellow, blue, magenta, cyan, white, gray (got "scarlet")'},
	{title: 'an unknown --context', config: {contexts: {prod: {service: 's'}}}, problem: 'unknown context "staging"; it defines prod'},
];

for (const bad of badFiles) {
	test(`a config file with ${bad.title} is one line naming the file and the problem, exit 2`, async t => {
		const {file, environment} = await configHome(t, bad.config);
		const result = await runWfmon(['snapshot', '--context', 'staging'], {env: environment});
		t.is(result.exitCode, 2);
		t.is(result.stdout, '');
		t.is(result.stderr, `wfmon: ${file}: ${bad.problem}\n`);
		t.false(result.stderr.includes('secret'));
	});
}

test('--context with no config file says where it looked, exit 2; without --context the file is not read', async t => {
	const {file, environment} = await configHome(t, '{broken');
	await fs.rm(file);
	const missing = await runWfmon(['snapshot', '--context', 'prod'], {env: environment});
	t.is(missing.exitCode, 2);
	t.is(missing.stderr, `wfmon: --context prod: there is no config file at ${file}\n`);

	await fs.writeFile(file, '{broken');
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const plain = await runWfmon(['snapshot', '--database-url', database.url], {env: environment});
	t.is(plain.exitCode, 0);
	t.is(plain.stderr, '');
});
