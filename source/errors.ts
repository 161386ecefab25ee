/**
A failure the user can act on: printed as one line, never with a stack trace.
Exit code 2 means "could not do what was asked" (bad input, no database).
*/
export class UserError extends Error {
	constructor(
		message: string,
		readonly exitCode = 2,
	) {
		super(message);
		this.name = 'UserError';
	}
}

/** Remove anything that looks like a password from a message before it is shown. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let redacted = text.replaceAll(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
	redacted = redacted.replaceAll(/(password\s*=\s*)\S+/gi, '$1***');
	for (const secret of secrets) {
		if (secret.length > 0) {
			redacted = redacted.split(secret).join('***');
		}
	}

	return redacted;
}
