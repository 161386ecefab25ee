/** A URL as it may be shown: its password, and any password= or sslpassword= in its query, as ***. */
export function redactUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url.replaceAll(/(:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
	}

	if (parsed.password !== '') {
		parsed.password = '***';
	}

	for (const name of ['password', 'sslpassword']) {
		if (parsed.searchParams.has(name)) {
			parsed.searchParams.set(name, '***');
		}
	}

	// URLSearchParams would encode the stars.
	return parsed.toString().replaceAll('%2A%2A%2A', '***');
}
