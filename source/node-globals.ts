/*
Node 21 and later define `navigator`; Node 20 does not. Without it pg probes
for Cloudflare Workers by constructing a fetch Response, which loads undici:
about 25 ms of every wfmon start. Imported first by the CLI, before pg.
*/
const globals = globalThis as {navigator?: {userAgent: string}};
globals.navigator ??= {userAgent: `Node.js/${process.versions.node.split('.')[0] ?? ''}`};

export {};
