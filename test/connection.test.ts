import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import pg from 'pg';
import {environmentWithoutDatabase, runWfmon} from './helpers/binary.js';
import {createTestDatabase, serverUrl, withClient} from './helpers/database.js';
import {passwordCheckingServer} from './helpers/password-server.js';
import {createTestRole, urlAs} from './helpers/roles.js';

async function emptyHome(): Promise<string> {
	return fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-home-'));
}

test('no password anywhere: one line, exit 2, within --connect-timeout; .pgpass and PGPASSWORD then work, with no warning', async t => {
	const adminUrl = await passwordCheckingServer(t);
	const role = await createTestRole(adminUrl, 'the-scram-secret');
	t.teardown(role.drop);
	const home = await emptyHome();
	t.teardown(async () => fs.rm(home, {recursive: true, force: true}));
	const withoutPassword = urlAs(adminUrl, role.name, '').replace(/:@/, '@');
	const environment = environmentWithoutDatabase({HOME: home, PGPASSFILE: path.join(home, '.pgpass')});

	const started = Date.now();
	const missing = await runWfmon(['schema', 'status', '--connect-timeout', '5s', '--database-url', withoutPassword], {env: environment});
	// The server would wait 60 s (its authentication_timeout) for a password that never comes.
	t.true(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
	t.is(missing.exitCode, 2);
	t.is(missing.stdout, '');
	t.is(missing.stderr, 'wfmon: the server asks for a password: set PGPASSWORD, .pgpass or the URL\'s password\n');

	const {port} = new URL(adminUrl);
	await fs.writeFile(path.join(home, '.pgpass'), `127.0.0.1:${port}:*:${role.name}:the-scram-secret\n`, {mode: 0o600});
	const fromPgpass = await runWfmon(['schema', 'status', '--no-apply', '--database-url', withoutPassword], {env: environment});
	t.is(fromPgpass.stderr, '');
	t.not(fromPgpass.exitCode, 2);
	t.regex(fromPgpass.stdout, /^0001 /);

	await fs.rm(path.join(home, '.pgpass'));
	const fromVariable = await runWfmon(['schema', 'status', '--no-apply', '--database-url', withoutPassword], {
		env: {...environment, PGPASSWORD: 'the-scram-secret'},
	});
	t.is(fromVariable.stderr, '');
	t.regex(fromVariable.stdout, /^0001 /);
});

test('a server that stops answering during authentication is given up within --connect-timeout', async t => {
	const stalling = net.createServer(socket => {
		let startup = true;
		socket.on('data', data => {
			if (startup && data.length === 8 && data.readInt32BE(4) === 80_877_103) {
				socket.write('N');
			} else if (startup) {
				startup = false;
				// AuthenticationCleartextPassword, then silence after the password arrives.
				socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
			}
		});
	});
	await new Promise<void>(resolve => stalling.listen(0, '127.0.0.1', resolve));
	t.teardown(() => stalling.close());
	const {port} = stalling.address() as net.AddressInfo;
	const started = Date.now();
	const result = await runWfmon(['snapshot', '--connect-timeout', '1s', '--database-url', `postgres://u:pw-stall@127.0.0.1:${port}/db`]);
	// The server would wait forever; the margin is for a slow start of node on a busy machine.
	t.true(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /^wfmon: cannot connect to 127\.0\.0\.1:\d+: no answer within the connect timeout/);
	t.false(result.stderr.includes('pw-stall'));
});

test('options=-c statement_timeout=0 in the URL does not defeat --statement-timeout; application_name becomes wfmon/<it>', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const url = new URL(database.url);
	url.searchParams.set('options', '-c statement_timeout=0 -c TimeZone=Asia/Tokyo');
	url.searchParams.set('application_name', 'night-shift');
	const holder = new pg.Client({connectionString: database.url});
	await holder.connect();
	t.teardown(async () => holder.end());
	await holder.query('BEGIN');
	await holder.query('LOCK TABLE workflow_runs IN ACCESS EXCLUSIVE MODE');
	let seen: string[] = [];
	const watcher = setInterval(() => {
		void withClient(serverUrl(), async client => client.query<{application_name: string}>(
			'SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = $1',
			[database.name],
		)).then(result => {
			seen = [...new Set([...seen, ...result.rows.map(row => row.application_name)])];
		}, () => undefined);
	}, 200);
	// Without the bound the snapshot waits for the lock: let it go after 20 s so the test ends either way.
	const release = setTimeout(() => void holder.query('ROLLBACK'), 20_000);
	t.teardown(() => {
		clearInterval(watcher);
		clearTimeout(release);
	});

	const started = Date.now();
	const result = await runWfmon(['snapshot', '--statement-timeout', '1s', '--database-url', url.toString()]);
	t.true(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
	const snapshot = JSON.parse(result.stdout) as {status: {active: {error: string | null}}; generated_at: string};
	t.regex(snapshot.status.active.error ?? '', /statement timeout/);
	t.true(seen.includes('wfmon/night-shift'), seen.join(', '));
	t.false(seen.includes('night-shift'));
});

test('sslmode follows libpq: prefer and allow fall back to plain text, unknown values are one line', async t => {
	const ssl = await withClient(serverUrl(), async client => (await client.query<{ssl: string}>('SHOW ssl')).rows[0]?.ssl);
	for (const mode of ['prefer', 'allow', 'disable']) {
		const url = new URL(serverUrl());
		url.searchParams.set('sslmode', mode);
		const result = await runWfmon(['schema', 'status', '--no-apply', '--database-url', url.toString()]);
		t.is(result.stderr, '', mode);
		t.regex(result.stdout, /^0001 /, mode);
	}

	const bogus = new URL(serverUrl());
	bogus.searchParams.set('sslmode', 'bogus');
	const rejected = await runWfmon(['schema', 'status', '--database-url', bogus.toString()]);
	t.is(rejected.exitCode, 2);
	t.is(rejected.stderr, 'wfmon: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full (got "bogus")\n');
	const fromVariable = await runWfmon(['schema', 'status'], {env: environmentWithoutDatabase({
		DATABASE_URL: serverUrl(),
		PGSSLMODE: 'sometimes',
	})});
	t.is(fromVariable.exitCode, 2);
	t.regex(fromVariable.stderr, /^wfmon: sslmode must be one of .* \(got "sometimes"\)\n$/);
	if (ssl === 'off') {
		t.log('this server has ssl off: prefer and allow were shown to fall back to plain text');
	}
});
