declare module 'asciichart' {
	/** Options of asciichart's plot. */
	export type PlotConfig = {
		height?: number;
		offset?: number;
		padding?: string;
		min?: number;
		max?: number;
		format?: (value: number, index: number) => string;
		colors?: string[];
		symbols?: string[];
	};

	/** Plot one or more series as lines of text joined by newlines. */
	export function plot(series: number[] | number[][], config?: PlotConfig): string;

	const asciichart: {plot: typeof plot};
	export default asciichart;
}
