/*
Node 21 and later define `navigator`; Node 20 does not. Without it pg probes
for Cloudflare Workers by constructing a fetch Response, which loads undici:
about 25 ms of every wfmon start. Imported first by the CLI, before pg.
*/
const globals = globalThis as {navigator?: {userAgent: string}};
globals.navigator ??= {userAgent: `Node.js/${process.versions.node.split('.')[0] ?? ''}`};

/*
React's development build records every render with performance.measure, and
Node keeps those entries for good: a TUI left open all night grew by megabytes
a minute until it ran out of heap. wfmon is an application, never a library
in someone's development build, so it always runs React's production build.
*/
process.env['NODE_ENV'] = 'production';

export {};
