import pg from 'pg';

// Counts and byte sizes arrive as int8; every value wfmon reads fits in a
// double, and JSON output wants numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, value => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, value => Number(value));

const utcText = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?\+00$/;

/**
A timestamptz as the same ISO-8601 string Date#toJSON gives, straight from
PostgreSQL's text in a UTC session: streaming a million rows, building and
serialising Date objects is most of the cost. Anything unusual (another time
zone, years past 9999) goes through Date.
*/
export function timestampToIso(text: string): string {
	const match = utcText.exec(text);
	if (!match) {
		return new Date(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)(text) as Date).toISOString();
	}

	const milliseconds = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
	return `${match[1]}T${match[2]}.${milliseconds}Z`;
}

/** Type parsers for rows bound for JSON output: timestamps come as ISO strings. */
export const jsonOutputTypes = {
	getTypeParser(oid: number, format?: string) {
		if (oid === pg.types.builtins.TIMESTAMPTZ) {
			return timestampToIso;
		}

		return pg.types.getTypeParser(oid, format as 'text');
	},
};
