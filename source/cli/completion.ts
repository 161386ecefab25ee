import {truncate} from '../config.js';
import {UserError} from '../errors.js';
import {commandTable, dashed, flagsOf, flagTable, type CommandSpec, type FlagName} from './commands-table.js';
import {flagUsage} from './help.js';

// Completion scripts made from the command table: a command or an option added
// there is completed without touching this file.

const names = commandTable.map(command => command.name).filter(name => name !== '');

/** The option words of a command as typed: `--org`, `--no-apply`. */
const optionWords = (command: CommandSpec) => flagsOf(command).map(name => flagUsage(name).split(' ')[0]!);

const choicesOf = (command: CommandSpec) => command.wordChoices === 'commands' ? names : command.wordChoices ?? [];

/** Options whose next word is their value, so it is not taken for the command. */
const valueOptions = (Object.keys(flagTable) as FlagName[])
	.filter(name => flagTable[name].type === 'string' && name !== 'json')
	.map(name => dashed(name));

const quote = (text: string) => `'${text.replaceAll('\'', '\'\\\'\'')}'`;

function bash(): string {
	const cases = commandTable.map(command => {
		const words = choicesOf(command);
		const label = command.name === '' ? '""' : command.name;
		return `\t\t${label}) options=${quote(optionWords(command).join(' '))}; words=${quote(words.join(' '))} ;;`;
	});
	return `# wfmon completion for bash: source <(wfmon completion bash)
_wfmon() {
	local current=\${COMP_WORDS[COMP_CWORD]} previous=\${COMP_WORDS[COMP_CWORD-1]} command="" index
	local value_options=${quote(` ${valueOptions.join(' ')} `)}
	for ((index = 1; index < COMP_CWORD; index++)); do
		local word=\${COMP_WORDS[index]}
		if [[ $word == -* ]]; then
			continue
		fi

		if [[ $value_options == *" \${COMP_WORDS[index-1]} "* ]]; then
			continue
		fi

		command=$word
		break
	done

	if [[ $value_options == *" $previous "* ]]; then
		return 0
	fi

	local options words
	case $command in
${cases.join('\n')}
		*) return 0 ;;
	esac

	if [[ $current == -* ]]; then
		COMPREPLY=($(compgen -W "$options --help" -- "$current"))
	elif [[ -z $command ]]; then
		COMPREPLY=($(compgen -W ${quote(names.join(' '))} -- "$current"))
	else
		COMPREPLY=($(compgen -W "$words" -- "$current"))
	fi
}
complete -F _wfmon wfmon
`;
}

const zshEscape = (text: string) => text.replaceAll('\\', '\\\\').replaceAll(':', '\\:').replaceAll('\'', '\'\\\'\'');

function zsh(): string {
	const describe = (pairs: Array<[string, string]>) =>
		pairs.map(([word, text]) => `'${zshEscape(word)}:${zshEscape(text)}'`).join(' ');
	const cases = commandTable.map(command => {
		const firstLine = (name: FlagName) => flagTable[name].description.split('\n')[0]!;
		const options = describe(flagsOf(command).map(name => [flagUsage(name).split(' ')[0]!, firstLine(name)]));
		const words = describe(choicesOf(command).map(word => [word, '']));
		const label = command.name === '' ? '""' : command.name;
		return `\t\t${label}) options=(${options}); choices=(${words}) ;;`;
	});
	const commands = describe(commandTable.filter(command => command.name !== '').map(command => [command.name, command.summary]));
	return `#compdef wfmon
# wfmon completion for zsh: wfmon completion zsh > "\${fpath[1]}/_wfmon", or source <(wfmon completion zsh)
_wfmon() {
	local subcommand="" index
	local -a value_options=(${valueOptions.join(' ')})
	for ((index = 2; index < CURRENT; index++)); do
		[[ \${words[index]} == -* ]] && continue
		(( \${value_options[(Ie)\${words[index-1]}]} )) && continue
		subcommand=\${words[index]}
		break
	done

	(( \${value_options[(Ie)\${words[CURRENT-1]}]} )) && return 0
	local -a options choices commands=(${commands})
	case $subcommand in
${cases.join('\n')}
		*) return 0 ;;
	esac

	if [[ \${words[CURRENT]} == -* ]]; then
		_describe 'option' options
	elif [[ -z $subcommand ]]; then
		_describe 'command' commands
	else
		_describe 'argument' choices
	fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_wfmon "$@"
else
	compdef _wfmon wfmon
fi
`;
}

/** `wfmon completion bash | zsh`: the script for that shell. */
export function completionScript(shell: string | undefined): string {
	if (shell === 'bash') {
		return bash();
	}

	if (shell === 'zsh') {
		return zsh();
	}

	const got = shell === undefined ? 'nothing' : `"${truncate(shell)}"`;
	throw new UserError(`completion takes bash or zsh, not ${got}; run wfmon help completion`);
}
