// Every command and every option wfmon takes, in one place: meow's flag
// definitions, the per-command check, `wfmon help` and the shell completions
// are all generated from these two tables, so they cannot disagree.

/** An option: how meow parses it and how help explains it. */
export type FlagSpec = {
	readonly type: 'string' | 'boolean';
	readonly default?: string | boolean;
	/** The value's name in help (`--org X`); boolean flags have none. */
	readonly value?: string;
	/** One line of help; a second line, if any, after a newline. */
	readonly description: string;
	/** The heading help lists it under. */
	readonly section: string;
	/** The commands that take it ('' is bare `wfmon`), or 'connecting' for every command that opens a connection. */
	readonly commands?: 'connecting' | readonly string[];
};

/** Every option. Adding one is one entry here: its `commands` say who takes it. */
export const flagTable = {
	databaseUrl: {type: 'string', value: 'URL', section: 'Connection', commands: 'connecting',
		description: 'postgres://user@host:5432/db?sslmode=require (or DATABASE_URL, PG* variables)'},
	service: {type: 'string', value: 'NAME', section: 'Connection', commands: 'connecting',
		description: 'a service of pg_service.conf (or PGSERVICE); the URL\'s settings win over it'},
	context: {type: 'string', value: 'NAME', section: 'Connection', commands: 'connecting',
		description: 'a context of ~/.config/wfmon/config.json; flags win over its settings'},
	dataDir: {type: 'string', value: 'DIR', section: 'Connection', commands: 'connecting',
		description: 'where the embedded server keeps its data (default ~/.local/share/wfmon)'},
	apply: {type: 'boolean', default: true, section: 'Connection', commands: 'connecting',
		description: 'never write: do not apply the schema'},
	connectTimeout: {type: 'string', value: '5s', section: 'Connection', commands: 'connecting',
		description: 'give up connecting after this long (else connect_timeout, PGCONNECT_TIMEOUT; default 5s)'},
	statementTimeout: {type: 'string', default: '10s', value: '10s', section: 'Connection', commands: 'connecting',
		description: 'bound each query and each stream (0 = no limit)'},
	org: {type: 'string', value: 'X', section: 'Scope and views', commands: ['', 'snapshot', 'runs', 'events', 'check', 'metrics'],
		description: 'one organization (slug or id); row level security applies too'},
	window: {type: 'string', value: '1h', section: 'Scope and views', commands: ['', 'snapshot', 'check', 'metrics'],
		description: '5m, 1h, 24h or 7d'},
	interval: {type: 'string', value: '2s', section: 'Scope and views', commands: ['', 'metrics'],
		description: 'TUI refresh interval (metrics --listen: at most one read per interval, default 15s)'},
	status: {type: 'string', value: 'S', section: 'Runs', commands: ['runs'],
		description: 'queued, running, waiting, completed, failed, cancelled or timeout'},
	workflow: {type: 'string', value: 'W', section: 'Runs', commands: ['runs'], description: 'workflow name or id'},
	text: {type: 'string', value: 'T', section: 'Runs', commands: ['runs'],
		description: 'text in the run id, workflow name or error'},
	since: {type: 'string', value: '1h', section: 'Runs', commands: ['runs'], description: 'only runs created this recently'},
	limit: {type: 'string', value: 'N', section: 'Runs', commands: ['runs'], description: 'stop after N runs'},
	maxFailureRate: {type: 'string', value: '10%', section: 'Check', commands: ['check'],
		description: 'breached when more of the window\'s finished runs failed'},
	maxStuck: {type: 'string', value: '0', section: 'Check', commands: ['check'],
		description: 'breached past this many stuck runs'},
	maxQueueAge: {type: 'string', value: '15m', section: 'Check', commands: ['check'],
		description: 'breached when a run has been queued longer'},
	minPopulation: {type: 'string', value: '90%', section: 'Check', commands: ['check'],
		description: 'breached when fewer report rows carry an execution id'},
	maxAnomalies: {type: 'string', value: '0', section: 'Check', commands: ['check'],
		description: 'rows breaking the model\'s invariants (data_quality\'s total)'},
	warnFailureRate: {type: 'string', value: '5%', section: 'Check', commands: ['check'],
		description: 'warning: failure rate above (a warning exits 1, WARNING with --output nagios)'},
	critFailureRate: {type: 'string', value: '10%', section: 'Check', commands: ['check'],
		description: 'critical: failure rate above (every --crit-* is the same as its --max-*/--min-*)'},
	warnStuck: {type: 'string', value: 'N', section: 'Check', commands: ['check'], description: 'warning: stuck runs'},
	critStuck: {type: 'string', value: 'N', section: 'Check', commands: ['check'], description: 'critical: stuck runs'},
	warnQueueAge: {type: 'string', value: '10m', section: 'Check', commands: ['check'], description: 'warning: queue age'},
	critQueueAge: {type: 'string', value: '15m', section: 'Check', commands: ['check'], description: 'critical: queue age'},
	warnPopulation: {type: 'string', value: '95%', section: 'Check', commands: ['check'],
		description: 'warning: population rate below'},
	critPopulation: {type: 'string', value: '90%', section: 'Check', commands: ['check'],
		description: 'critical: population rate below'},
	warnAnomalies: {type: 'string', value: 'N', section: 'Check', commands: ['check'], description: 'warning: anomalies'},
	critAnomalies: {type: 'string', value: 'N', section: 'Check', commands: ['check'], description: 'critical: anomalies'},
	output: {type: 'string', value: 'nagios', section: 'Check', commands: ['check'],
		description: 'text (default), json, or nagios: one monitoring-plugins line with perfdata, exit 0/1/2/3'},
	allOrgs: {type: 'boolean', default: false, section: 'Check', commands: ['check', 'metrics'],
		description: 'check (or export) every org on its own; the worst status wins'},
	outputFile: {type: 'string', value: 'F', section: 'Metrics', commands: ['metrics'],
		description: 'write the text to F atomically (node_exporter\'s textfile collector)'},
	listen: {type: 'string', value: '127.0.0.1:9464', section: 'Metrics', commands: ['metrics'],
		description: 'serve /metrics; reads the database at most once per --interval (15s)'},
	runs: {type: 'string', value: 'N', section: 'Demo', commands: ['', 'demo'],
		description: 'how many runs the demo seeds (default 20000)'},
	rate: {type: 'string', value: 'R', section: 'Demo', commands: ['', 'demo'],
		description: 'runs per second the simulator starts (0 = seed only;\n'
			+ 'default: the pace of the last hour\'s runs, at least 0.1)'},
	json: {type: 'string', section: 'Output', commands: ['', 'snapshot', 'runs', 'events', 'check', 'schema', 'contexts'],
		description: 'machine-readable output (runs: --json FIELDS picks fields)'},
} as const satisfies Record<string, FlagSpec>;

/** An option's name as meow keys it (camelCase). */
export type FlagName = keyof typeof flagTable;

/** A command: what help says about it and what it takes. */
export type CommandSpec = {
	/** The word after `wfmon`; '' is bare `wfmon`. */
	readonly name: string;
	/** How it is typed; also quoted when a word it does not take is given. */
	readonly usage: string;
	readonly summary: string;
	/** More lines for `wfmon help COMMAND`. */
	readonly details?: string;
	/** Whether it opens a connection, and so takes the Connection options. */
	readonly connects: boolean;
	/** How many words it takes after its name. */
	readonly words: number;
	/** Options it takes besides those whose `commands` name it. */
	readonly flags?: readonly FlagName[];
	/** The fields `--json FIELDS` picks from, for commands that print records. */
	readonly jsonFields?: readonly string[];
	/** Completions for its words (schema's actions, completion's shells); 'commands' for command names. */
	readonly wordChoices?: readonly string[] | 'commands';
	readonly examples: readonly string[];
};

/** The fields of one run, in `wfmon runs` NDJSON order. */
export const runFields = [
	'run_id', 'org_slug', 'workflow_name', 'status', 'channel', 'created_at', 'started_at', 'ended_at',
	'duration_ms', 'steps_completed', 'steps_total', 'error_message',
] as const;

/** Every command. Adding one is one entry here and its case in cli.tsx. */
export const commandTable: readonly CommandSpec[] = [
	{
		name: '', usage: 'wfmon [options]', connects: true, words: 0,
		summary: 'open the live TUI (a JSON snapshot when stdout is not a terminal, or with --json)',
		examples: ['wfmon', 'wfmon --org acme', 'wfmon --window 24h --interval 5s'],
	},
	{
		name: 'schema', usage: 'wfmon schema apply | status | verify', connects: true, words: 1,
		summary: 'apply, list (applied / pending / changed) or verify wfmon\'s migrations',
		details: 'apply    apply wfmon\'s migrations that are missing\n'
			+ 'status   list migrations: applied / pending / changed\n'
			+ 'verify   check tables and columns against the expected schema (exit 0/1)',
		wordChoices: ['apply', 'status', 'verify'],
		examples: ['wfmon schema verify --database-url postgres://postgres@127.0.0.1/app', 'wfmon schema status --json'],
	},
	{
		name: 'snapshot', usage: 'wfmon snapshot', connects: true, words: 0,
		summary: 'print one JSON document of every view',
		examples: ['wfmon snapshot --window 24h | jq .status.finished', 'wfmon snapshot --org acme'],
	},
	{
		name: 'runs', usage: 'wfmon runs [options]', connects: true, words: 0,
		summary: 'list runs, newest first: a table on a terminal, NDJSON when piped or with --json',
		details: '--json FIELDS prints only those fields (comma-separated); --json alone on a terminal lists them.',
		jsonFields: runFields,
		examples: ['wfmon runs --status failed --since 1h', 'wfmon runs --json run_id,status,error_message | head'],
	},
	{
		name: 'events', usage: 'wfmon events RUN [STEP]', connects: true, words: 2,
		summary: 'stream a run\'s (or one step\'s) events as NDJSON',
		details: 'RUN is a run id as the screen shows it: a unique prefix, or the last characters of a time-ordered id.',
		examples: ['wfmon events d0ce3f41', 'wfmon events d0ce3f41 2 | jq .event.type'],
	},
	{
		name: 'check', usage: 'wfmon check [options]', connects: true, words: 0,
		summary: 'hold the database to thresholds: exit 0 ok, 1 breached, 2 could not check\n'
			+ '(--output nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
		details: 'Defaults: failure rate 10%, stuck 0, queue age 15m.',
		examples: ['wfmon check --max-failure-rate 5% --json', 'wfmon check --org acme --window 5m --max-queue-age 10m',
			'wfmon check --warn-failure-rate 5% --crit-failure-rate 10% --output nagios', 'wfmon check --all-orgs --output nagios'],
	},
	{
		name: 'metrics', usage: 'wfmon metrics [options]', connects: true, words: 0,
		summary: 'the snapshot in Prometheus text format (--listen serves /metrics, --output-file for textfiles)',
		examples: ['wfmon metrics --listen 127.0.0.1:9464', 'wfmon metrics --output-file /var/lib/node_exporter/wfmon.prom'],
	},
	{
		name: 'demo', usage: 'wfmon demo [options]', connects: true, words: 0,
		summary: 'fill the database with a demo workload and keep it moving',
		examples: ['wfmon demo --runs 100000 --rate 0', 'wfmon demo --rate 5'],
	},
	{
		name: 'contexts', usage: 'wfmon contexts [--json]', connects: false, words: 0,
		summary: 'list the contexts of ~/.config/wfmon/config.json (passwords hidden)',
		examples: ['wfmon contexts', 'wfmon --context prod'],
	},
	{
		name: 'help', usage: 'wfmon help [COMMAND]', connects: false, words: 1,
		summary: 'print the help of wfmon or of one command (also COMMAND --help)',
		wordChoices: 'commands',
		examples: ['wfmon help check', 'wfmon runs --help'],
	},
	{
		name: 'completion', usage: 'wfmon completion bash | zsh', connects: false, words: 1,
		summary: 'print a shell completion script made from this list of commands and options',
		wordChoices: ['bash', 'zsh'],
		examples: ['source <(wfmon completion bash)', 'wfmon completion zsh > "${fpath[1]}/_wfmon"'],
	},
];

/** Options every command takes: they never reach a connection. */
export const alwaysAllowed: readonly string[] = ['help', 'version'];

/** The command named `name`, if wfmon has one. */
export function findCommand(name: string): CommandSpec | undefined {
	return commandTable.find(command => command.name === name);
}

/** The options `command` takes, in table order. */
export function flagsOf(command: CommandSpec): FlagName[] {
	return (Object.entries(flagTable) as Array<[FlagName, FlagSpec]>)
		.filter(([name, flag]) => takes(command, name, flag))
		.map(([name]) => name);
}

function takes(command: CommandSpec, name: FlagName, flag: FlagSpec): boolean {
	if (command.flags?.includes(name)) {
		return true;
	}

	return flag.commands === 'connecting' ? command.connects : flag.commands?.includes(command.name) ?? false;
}

/** `maxFailureRate` → `--max-failure-rate`. */
export const dashed = (name: string) => `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
