import {createTestDatabase, withClient} from './helpers/database.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';
import {datasetSql, ids} from './helpers/ui-fixture.js';

// Left open all night, the TUI must not grow until it runs out of memory. Three
// minutes at a 100 ms refresh on a 48 MB heap is many hours of renders at the
// default 2 s; the development build of React died here within that time.

const watchMs = 3 * 60_000;

tmuxTest('the TUI refreshing every 100 ms for 3 minutes on a 48 MB heap, with data changing, stays up', async t => {
	t.timeout(watchMs + 60_000);
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(datasetSql));
	const session = sessionName();
	const command = `DATABASE_URL='${database.url}' NO_COLOR=1 ${wfmonCommand('--max-old-space-size=48')} --interval 100ms; `
		+ 'echo "EXIT=$?"; sleep 60';
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});
	await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');

	// New runs finishing all the while, so every frame differs from the last.
	const writer = setInterval(() => {
		void withClient(database.url, async client => client.query(
			`INSERT INTO workflow_runs (organization_id, workflow_id, status, created_at, started_at, ended_at, error_message)
			VALUES ($1, $2, 'failed', now(), now(), now(), 'failure ' || (random() * 1000)::int)`,
			[ids.acme, ids.ingest],
		)).catch(() => undefined);
	}, 250);
	t.teardown(() => {
		clearInterval(writer);
	});
	await new Promise(resolve => {
		setTimeout(resolve, watchMs);
	});
	clearInterval(writer);

	const screen = await tmux(session, 'capture-pane', '-p', '-t', session);
	t.false(screen.includes('EXIT='), screen);
	t.regex(screen, /● connected/);
	await tmux(session, 'send-keys', '-t', session, 'q');
	t.regex(await screenUntil(session, text => text.includes('EXIT='), 'the exit'), /EXIT=0/);
});
