import {configFilePath, loadContexts, type Context} from '../contexts/config-file.js';
import {redactUrl} from '../contexts/redact.js';
import {visible} from '../terminal-text.js';

type Environment = Record<string, string | undefined>;

/** A context as `wfmon contexts` shows it: the connection's password never appears. */
type ListedContext = Omit<Context, 'url'> & {url?: string};

/**
`wfmon contexts`: the contexts of the config file, as an aligned table or,
with --json, one JSON array. Without a file, an empty list and where to put one.
*/
export function runContextsCommand(environment: Environment, options: {json: boolean}): number {
	const file = configFilePath(environment);
	const contexts = loadContexts(file);
	if (contexts === undefined) {
		process.stderr.write(`wfmon: no config file at ${visible(file)}; see "Contexts" in the README\n`);
	}

	const listed: ListedContext[] = (contexts ?? []).map(context =>
		({...context, url: context.url === undefined ? undefined : redactUrl(context.url)}));
	if (options.json) {
		process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
		return 0;
	}

	if (listed.length > 0) {
		process.stdout.write(table(listed).map(line => `${visible(line)}\n`).join(''));
	}

	return 0;
}

function table(contexts: ListedContext[]): string[] {
	const header = ['NAME', 'CONNECTION', 'ORG', 'WINDOW', 'INTERVAL', 'LABEL', 'COLOUR', 'READ-ONLY'];
	const rows = contexts.map(context => [
		context.name,
		context.url ?? `service=${context.service ?? ''}`,
		context.org ?? '-',
		context.window ?? '-',
		context.interval ?? '-',
		context.label,
		context.colour ?? '-',
		context.readOnly ? 'yes' : 'no',
	]);
	const widths = header.map((title, index) => Math.max(title.length, ...rows.map(row => row[index]?.length ?? 0)));
	return [header, ...rows].map(row => row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd());
}
