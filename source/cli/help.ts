import {commandTable, dashed, flagsOf, flagTable, type CommandSpec, type FlagName, type FlagSpec} from './commands-table.js';

const column = 25;

/** `--org X`, `--no-apply`, `--json`: an option as it is typed. */
export function flagUsage(name: FlagName): string {
	const flag: FlagSpec = flagTable[name];
	if (flag.type === 'boolean' && flag.default === true) {
		return `--no-${dashed(name).slice(2)}`;
	}

	return flag.value === undefined ? dashed(name) : `${dashed(name)} ${flag.value}`;
}

/** A label and its description in a column; a long label puts the description on its own line. */
function labelled(label: string, description: string): string[] {
	const [first = '', ...more] = description.split('\n');
	const head = label.length < column - 3
		? [`  ${label.padEnd(column - 2)}${first}`]
		: [`  ${label}`, ' '.repeat(column) + first];
	return [...head, ...more.map(line => ' '.repeat(column) + line)];
}

const flagLines = (name: FlagName) => labelled(flagUsage(name), flagTable[name].description);

/** Options under their section headings, in table order. */
function optionSections(names: readonly FlagName[]): string[] {
	const sections = new Map<string, FlagName[]>();
	for (const name of names) {
		const {section} = flagTable[name];
		sections.set(section, [...sections.get(section) ?? [], name]);
	}

	return [...sections].flatMap(([section, members]) => ['', section, ...members.flatMap(name => flagLines(name))]);
}

const indent = (text: string) => text.split('\n').map(line => `  ${line}`);

/** `wfmon --help`: every command and every option. */
export function mainHelp(): string {
	const commands = commandTable.flatMap(command => labelled(
		command.name === '' ? '(none)' : command.usage.replace(/^wfmon /, '').replace(' [options]', ''),
		command.summary,
	));
	const examples = commandTable.flatMap(command => command.examples.slice(0, 1));
	return [
		'  Terminal observability for workflow-execution databases on PostgreSQL',
		'',
		'Usage',
		'  $ wfmon [command] [options]',
		'',
		'Commands',
		...commands,
		...optionSections(Object.keys(flagTable) as FlagName[]),
		...labelled('--help, -h', 'this help; wfmon help COMMAND (or COMMAND --help) for one command'),
		...labelled('--version', 'print the version'),
		'',
		'Examples',
		...examples.map(example => `  $ ${example}`),
	].join('\n') + '\n';
}

/** `wfmon help COMMAND`: its usage, what it does, its options and examples. */
export function commandHelp(command: CommandSpec): string {
	const options = flagsOf(command);
	return [
		'Usage',
		`  $ ${command.usage}`,
		'',
		...indent(command.summary),
		...command.details === undefined ? [] : ['', ...indent(command.details)],
		...options.length === 0 ? [] : optionSections(options),
		'',
		'Examples',
		...command.examples.map(example => `  $ ${example}`),
	].join('\n') + '\n';
}
