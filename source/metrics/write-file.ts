import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
Write `text` to `file` atomically: into a temporary file in the same folder
(a name node_exporter's textfile collector skips, as it reads only *.prom),
flushed to disk, then renamed over `file`. A reader sees the old file or the
new one, never half of one; the temporary file is removed if anything fails.
*/
export async function writeFileAtomically(file: string, text: string): Promise<void> {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		const handle = await fs.open(temporary, 'wx', 0o644);
		try {
			await handle.writeFile(text, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}

		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, {force: true});
		throw error;
	}
}
