/*
Regenerate sql/schema/manifest.json after adding a migration:
`npm run build && node dist/test/tools/update-manifest.js`. It migrates a
scratch database on DATABASE_URL's server and records its tables and columns.
*/
import {applySchema} from '../../source/schema/schema.js';
import {listTables, writeManifest} from '../../source/schema/verify.js';
import {createTestDatabase, withClient} from '../helpers/database.js';

const database = await createTestDatabase();
try {
	await withClient(database.url, async client => {
		await applySchema(client);
		await writeManifest(client, await listTables(client));
	});
	console.log('wrote sql/schema/manifest.json');
} finally {
	await database.drop();
}
