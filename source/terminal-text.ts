// Text from the database (error messages from scraped pages, LLM answers,
// third-party APIs) and values users typed must never drive the terminal: an
// ESC could retitle the window, repaint the screen or set the clipboard (OSC 52).

// C0 controls, DEL, C1 controls, and the bidirectional overrides, embeddings
// and isolates that can make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
The text with every control character made visible, one column each so that
tables stay aligned: C0 controls as their Control Pictures (ESC as ␛, a tab as
␉), DEL as ␡, C1 and bidi controls as �.
*/
export function visible(text: string): string {
	return text.replaceAll(unsafe, character => {
		const code = character.codePointAt(0)!;
		if (code < 0x20) {
			return String.fromCodePoint(0x24_00 + code);
		}

		return code === 0x7F ? '\u2421' : '\uFFFD';
	});
}
