/*
The test entry point behind `npm test`. Uses DATABASE_URL when it is set;
otherwise starts an embedded PostgreSQL of its own, so the suite runs on a
machine that has only Node. Prepares a migrated template database that tests
copy, then runs ava and passes its exit code on.
*/
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import {startEmbedded, temporaryDataDir, type EmbeddedServer} from '../source/embedded/embedded.js';
import {applySchema} from '../source/schema/schema.js';
import {packageRoot} from '../source/paths.js';
import {urlFor} from './helpers/database.js';

let embedded: EmbeddedServer | undefined;
let dataDir: string | undefined;
let url = process.env['DATABASE_URL'] ?? '';
if (url === '') {
	dataDir = temporaryDataDir('test');
	embedded = await startEmbedded(dataDir);
	url = embedded.url;
	console.log(`tests: started an embedded PostgreSQL on port ${embedded.port}`);
} else {
	console.log('tests: using the server in DATABASE_URL');
}

const template = `wfmon_test_template_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({connectionString: url});
await admin.connect();
await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
const templateClient = new pg.Client({connectionString: urlFor(template, url)});
await templateClient.connect();
await applySchema(templateClient);
await templateClient.end();

const code = await new Promise<number>(resolve => {
	const ava = spawn(process.execPath, [path.join(packageRoot, 'node_modules', 'ava', 'entrypoints', 'cli.mjs'), ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: {...process.env, DATABASE_URL: url, WFMON_TEST_TEMPLATE: template},
	});
	ava.on('exit', exitCode => resolve(exitCode ?? 1));
});

await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)} WITH (FORCE)`);
await admin.end();
if (embedded !== undefined) {
	await embedded.stop();
}

if (dataDir !== undefined) {
	await fs.rm(dataDir, {recursive: true, force: true});
}

process.exit(code);
