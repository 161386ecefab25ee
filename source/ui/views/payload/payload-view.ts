import {clip, seg, type Line} from '../../lines.js';
import type {ViewSize} from '../../table.js';
import {breadcrumb, type RunsFilter} from '../runs/runs-view.js';
import type {PayloadPane} from './payload-state.js';
import {layoutPayload, panLine, type PayloadLayout} from './payload-text.js';

/** Lines above the payload's text: the breadcrumb and the position line. */
const chromeLines = 2;

/** How many payload lines the pane shows in a body `height` tall. */
export const paneRows = (height: number) => Math.max(1, height - chromeLines);

// Laying out a large payload costs more than a frame should: keep the last one (scrolling reuses it).
let last: {text: string; width: number; wrap: boolean; layout: PayloadLayout} | undefined;

/** The pane's lines at `width` (cached for the last text, width and mode). */
export function paneLayout(pane: PayloadPane, width: number): PayloadLayout {
	if (last?.text !== pane.text || last.width !== width || last.wrap !== pane.wrap) {
		last = {text: pane.text, width, wrap: pane.wrap, layout: layoutPayload(pane.text, width, pane.wrap)};
	}

	return last.layout;
}

/** The pane: where the payload comes from, where the window is, then the visible text. */
export function payloadView(pane: PayloadPane, filter: RunsFilter, size: ViewSize): Line[] {
	const {width, height} = size;
	const layout = paneLayout(pane, width);
	const visible = paneRows(height);
	const top = Math.min(pane.top, Math.max(0, layout.lines.length - visible));
	const shown = layout.lines.slice(top, top + visible);
	const bytes = Buffer.byteLength(pane.text).toLocaleString('en-US');
	const position = `lines ${top + 1}-${top + shown.length} of ${layout.lines.length}`;
	const mode = pane.wrap ? 'wrap' : `no wrap${pane.left > 0 ? `, from column ${pane.left + 1}` : ''}`;
	const out: Line[] = [
		breadcrumb(filter, pane.path, null),
		[seg(`${position} · ${bytes} bytes · ${mode}`, {dim: true})],
		...shown.map(text => [seg(pane.wrap ? text : panLine(text, pane.left, width))]),
	];
	return clip(out, height);
}
