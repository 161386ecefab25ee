import {render} from 'ink';
import type {TimeWindow} from '../model/windows.js';
import type {Session} from '../session.js';
import {App} from './app.js';
import {OpenReaders} from './cursor-list.js';
import {enterAlternateScreen, lineDiffingStdout} from './screen.js';
import {describeError} from '../sampler.js';
import {installSignalHandlers, runCleanups} from '../shutdown.js';
import {visible} from '../terminal-text.js';
import {createSnapshotSampler, type SnapshotSettings} from './snapshot-sampler.js';

/**
Run the live TUI on stdout until the user quits (q or Ctrl-C), on the
alternate screen, rewriting only the lines that change. The terminal is
restored on every way out; the refresh loop is stopped and every list closed
before this resolves, so the session's pool can be ended right after.
*/
export async function startTui(options: {session: Session; window: TimeWindow; intervalMs: number; footerNote?: string}): Promise<void> {
	const settings: SnapshotSettings = {window: options.window};
	const sampler = createSnapshotSampler(options.session, settings, options.intervalMs);
	const readers = new OpenReaders();
	sampler.start();
	// A signal exits through process.exit, so the 'exit' hook that restores the screen runs.
	installSignalHandlers();
	const restoreScreen = enterAlternateScreen(process.stdout);
	// A crash leaves the screen as it found it and says what happened in one line, where it can be read.
	const onCrash = (error: unknown) => {
		restoreScreen();
		process.stderr.write(`wfmon: unexpected error: ${visible(describeError(error))}\n`);
		void runCleanups().finally(() => process.exit(1));
	};

	process.once('uncaughtException', onCrash);
	const instance = render(
		<App session={options.session} sampler={sampler} settings={settings} window={options.window} readers={readers} footerNote={options.footerNote} />,
		{stdout: process.stdout.isTTY ? lineDiffingStdout(process.stdout) : process.stdout, exitOnCtrlC: true, patchConsole: true},
	);
	try {
		await instance.waitUntilExit();
	} finally {
		sampler.stop();
		instance.cleanup();
		restoreScreen();
		process.off('uncaughtException', onCrash);
		await readers.closeAll();
	}
}
