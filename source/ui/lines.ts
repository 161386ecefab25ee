// A frame is built as lines of styled segments by pure functions, so its
// height is known before Ink draws it: a view never returns more lines than
// it is given.

/** A run of text with one style. */
export type Segment = {text: string; color?: string; bold?: boolean; dim?: boolean; inverse?: boolean};

/** One screen line. */
export type Line = Segment[];

/** A line of plain text, or of one style. */
export function line(text: string, style: Omit<Segment, 'text'> = {}): Line {
	return [{text, ...style}];
}

/** A segment; shorthand for building lines. */
export function seg(text: string, style: Omit<Segment, 'text'> = {}): Segment {
	return {text, ...style};
}

/** The text of a line without styles. */
export function plain(value: Line): string {
	return value.map(part => part.text).join('');
}

/** Cut lines to `height`, padding with empty lines to exactly `height` when asked. */
export function clip(lines: Line[], height: number, padTo = false): Line[] {
	const cut = lines.slice(0, Math.max(0, height));
	while (padTo && cut.length < height) {
		cut.push([]);
	}

	return cut;
}

/** Wrap plain text into at most `maxLines` lines of `width`. */
export function wrap(text: string, width: number, maxLines: number): string[] {
	const out: string[] = [];
	const flat = text.replaceAll(/\s+/g, ' ');
	for (let start = 0; start < flat.length && out.length < maxLines; start += width) {
		out.push(flat.slice(start, start + width));
	}

	if (out.length === maxLines && flat.length > width * maxLines && width > 0) {
		const last = out[maxLines - 1] ?? '';
		out[maxLines - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
	}

	return out;
}

/** A segment with how much it matters: 0 is kept longest, higher ones are dropped first. */
export type Ranked = [Segment, number];

/**
The segments that fit in `width`, in their order: the least important ones
are dropped first (the last of equals first), so a narrow terminal keeps what
matters (paused state, scope, sort, filters) and loses the details. What still
does not fit is cut at the end by the line drawer.
*/
export function fitRanked(parts: readonly Ranked[], width: number): Line {
	const kept = [...parts];
	const length = () => kept.reduce((sum, [part]) => sum + [...part.text].length, 0);
	while (length() > width && kept.length > 1) {
		let drop = 0;
		for (const [index, [, rank]] of kept.entries()) {
			if (rank >= kept[drop]![1]) {
				drop = index;
			}
		}

		if (kept[drop]![1] === 0) {
			break;
		}

		kept.splice(drop, 1);
	}

	return kept.map(([part]) => part);
}
