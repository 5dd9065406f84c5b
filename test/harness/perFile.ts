/**
 * Starts something once for the calling test file (beforeAll) and stops it after the file
 * (afterAll). The returned function hands it to the tests, and says so clearly when it did not start.
 */
export function startedPerFile<T>(what: string, start: () => Promise<T>, stop: (started: T) => Promise<unknown>): () => T {
	let started: T | undefined;
	beforeAll(async () => {
		started = await start();
	});
	afterAll(async () => {
		if (started !== undefined) await stop(started);
	});
	return () => {
		if (started === undefined) throw new Error(`${what} has not started`);
		return started;
	};
}
