import {render} from 'ink';
import type {TimeWindow} from '../model/windows.js';
import type {Session} from '../session.js';
import {App} from './app.js';
import {OpenReaders} from './cursor-list.js';
import {createSnapshotSampler, type SnapshotSettings} from './snapshot-sampler.js';

/**
Run the live TUI on stdout until the user quits (q or Ctrl-C). The terminal is
restored by Ink on exit; the refresh loop is stopped and every cursor closed
before this resolves, so the session's pool can be ended right after.
*/
export async function startTui(options: {session: Session; window: TimeWindow; intervalMs: number; footerNote?: string}): Promise<void> {
	const settings: SnapshotSettings = {window: options.window};
	const sampler = createSnapshotSampler(options.session, settings, options.intervalMs);
	const readers = new OpenReaders();
	sampler.start();
	const instance = render(
		<App session={options.session} sampler={sampler} settings={settings} window={options.window} readers={readers} footerNote={options.footerNote} />,
		{exitOnCtrlC: true, patchConsole: true},
	);
	try {
		await instance.waitUntilExit();
	} finally {
		sampler.stop();
		instance.cleanup();
		await readers.closeAll();
	}
}
