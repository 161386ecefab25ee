/*
Preloaded into the TUI by the soak benchmark (`node --import`): appends the
process's memory to $WFMON_PROBE_FILE every $WFMON_PROBE_MS, after a GC when
--expose-gc is on, so the heap figure is what is really retained.
*/
import {appendFileSync} from 'node:fs';

const file = process.env['WFMON_PROBE_FILE'];
const everyMs = Number(process.env['WFMON_PROBE_MS'] ?? 10_000);
if (file !== undefined) {
	const collect = (globalThis as {gc?: () => void}).gc;
	setInterval(() => {
		collect?.();
		const {rss, heapUsed} = process.memoryUsage();
		appendFileSync(file, `${JSON.stringify({at: Date.now(), rss, heapUsed})}\n`);
	}, everyMs).unref();
}
