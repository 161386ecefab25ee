// Copy to the clipboard of the terminal the user sits at, over SSH and
// through tmux alike: OSC 52 asks the terminal itself to set its clipboard.

/** Most terminals drop (or cut) longer OSC 52 payloads; wfmon refuses instead of cutting silently. */
export const clipboardLimitBytes = 74_994;

/** The escape sequence that puts `text` on the clipboard, or why it cannot. */
export function osc52(text: string): {sequence: string} | {refused: string} {
	const bytes = Buffer.byteLength(text);
	if (bytes > clipboardLimitBytes) {
		return {refused: `not copied: ${bytes.toLocaleString('en-US')} bytes, over the ${clipboardLimitBytes.toLocaleString('en-US')} terminals accept`};
	}

	return {sequence: `\u001B]52;c;${Buffer.from(text).toString('base64')}\u0007`};
}

/** Write `text` to the clipboard through `stdout`; returns the one line to show the user. */
export function copyToClipboard(stdout: NodeJS.WriteStream, text: string, what: string): string {
	const result = osc52(text);
	if ('refused' in result) {
		return result.refused;
	}

	stdout.write(result.sequence);
	return `copied ${what} (${formatSize(Buffer.byteLength(text))})`;
}

function formatSize(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
