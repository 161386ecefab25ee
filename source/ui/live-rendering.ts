/**
Ink decides at import time, from CI or CONTINUOUS_INTEGRATION, to print only
the last frame. A user who opens the TUI on a terminal wants the live screen
even when such a variable is exported (a CI shell, a container image), so the
TUI forgets them before Ink is loaded.
*/
export function allowLiveRendering(env: NodeJS.ProcessEnv): void {
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
}
