import {Box, Text} from 'ink';
import {visible} from '../terminal-text.js';
import type {Line} from './lines.js';

/**
Draw prepared lines, each cut at the right edge (never wrapped, so the height
is exact). Every string reaches the terminal through here, with its control
characters made visible, so no view can forget to.
*/
export function Lines({lines, width}: {lines: Line[]; width: number}) {
	return (
		<Box flexDirection='column' width={width} flexShrink={0}>
			{lines.map((parts, index) => (
				// Lines have no identity beyond their position on screen.
				<Text key={index} wrap='truncate-end'>
					{parts.length === 0 ? ' ' : parts.map((part, at) => (
						<Text key={at} color={part.color} bold={part.bold} dimColor={part.dim} inverse={part.inverse}>{visible(part.text)}</Text>
					))}
				</Text>
			))}
		</Box>
	);
}
