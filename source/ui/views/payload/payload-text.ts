// A payload as screen lines: pretty JSON, wrapped between tokens (words, JSON
// punctuation runs) so that an id, a URL or a number is never cut in two
// unless it is wider than the screen itself. Pure, so it is tested alone.

/** JSON with two-space indents, never throwing (a value JSON cannot hold is shown as text). */
export function prettyJson(value: unknown): string {
	try {
		return JSON.stringify(value, null, 2) ?? 'null';
	} catch {
		return String(value);
	}
}

/** The screen lines of one text: `origin[i]` is the text line display line `i` comes from. */
export type PayloadLayout = {lines: string[]; origin: number[]; widest: number};

const length = (text: string) => [...text].length;

/**
Wrap one line at `width` between tokens (runs of non-space characters): a
token goes whole to the next line when it does not fit, and only a token
wider than a line is cut. Continuation lines are indented two past the line's
own indent (at most half the width), so nested JSON keeps its shape.
*/
export function wrapTokens(line: string, width: number): string[] {
	const room = Math.max(1, width);
	if (length(line) <= room) {
		return [line];
	}

	const indent = /^ */.exec(line)![0];
	const hanging = ' '.repeat(Math.min(indent.length + 2, Math.floor(room / 2)));
	const out: string[] = [];
	let current = '';
	// Whether `current` holds a token yet (an indent alone does not count).
	let started = false;
	for (const [, spaces, token] of line.slice(indent.length).matchAll(/( *)([^ ]+)/g)) {
		const joined = `${current}${spaces}${token}`;
		if (started && length(joined) <= room) {
			current = joined;
			continue;
		}

		if (started) {
			out.push(current);
		}

		// A token that fits a line gets one, giving up indent if it must; only a wider one is cut.
		const margin = started ? hanging : indent;
		let rest = [...token!];
		current = rest.length <= room ? margin.slice(0, room - rest.length) : margin;
		while (length(current) + rest.length > room) {
			const take = Math.max(1, room - length(current));
			out.push(current + rest.slice(0, take).join(''));
			rest = rest.slice(take);
			current = hanging;
		}

		current += rest.join('');
		started = true;
	}

	out.push(current);
	return out;
}

/** Every line of `text` for a pane `width` wide: wrapped between tokens, or (no wrap) one screen line each. */
export function layoutPayload(text: string, width: number, wrap: boolean): PayloadLayout {
	const source = text.split('\n');
	// A reduce, not Math.max(...): a large payload has more lines than a call takes arguments.
	const widest = source.reduce((most, line) => Math.max(most, length(line)), 0);
	if (!wrap) {
		return {lines: source, origin: source.map((_line, index) => index), widest};
	}

	const lines: string[] = [];
	const origin: number[] = [];
	for (const [index, line] of source.entries()) {
		for (const part of wrapTokens(line, width)) {
			lines.push(part);
			origin.push(index);
		}
	}

	return {lines, origin, widest};
}

/**
A line seen through a window from column `left`, `width` wide: cut lines end
in `…`, and a line scrolled past its start begins with `…`.
*/
export function panLine(line: string, left: number, width: number): string {
	const characters = [...line];
	if (width <= 0) {
		return '';
	}

	let shown = characters.slice(left);
	const cutLeft = left > 0 && shown.length > 0;
	const cutRight = shown.length > width;
	shown = shown.slice(0, width);
	if (cutLeft) {
		shown[0] = '…';
	}

	if (cutRight) {
		shown[width - 1] = '…';
	}

	return shown.join('');
}

/** The display line that shows the start of text line `line` in `layout` (after a wrap toggle). */
export function displayLineOf(layout: PayloadLayout, line: number): number {
	const found = layout.origin.indexOf(line);
	return found === -1 ? Math.max(0, layout.lines.length - 1) : found;
}
