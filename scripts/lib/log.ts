/** Console output for the scripts: every long step says what it does and how long it took. */

export function info(message: string): void {
	console.log(`[printos] ${message}`);
}

export function warn(message: string): void {
	console.warn(`[printos] WARNING: ${message}`);
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 100) / 10;
	if (seconds < 60) return `${seconds}s`;
	return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** Runs `fn`, announcing it first and printing the elapsed time after. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	info(`${label} ...`);
	try {
		const result = await fn();
		info(`${label}: done in ${formatDuration(Date.now() - started)}`);
		return result;
	} catch (error) {
		info(`${label}: FAILED after ${formatDuration(Date.now() - started)}`);
		throw error;
	}
}
