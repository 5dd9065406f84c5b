/**
 * Injected delays run on jest's fake timers in the sandbox tests, so a test moves time itself and
 * reads what the sandbox held (`stats().delaying`) and applied (`delayMs` in its log) instead of
 * timing answers. I/O, `setImmediate` and `Date` stay real: signatures keep the real date, and
 * `settle` lets sockets and handlers run without moving any timer.
 */
export function useFakeTimers(): void {
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'] });
}

/** Lets real I/O run, no timer moved, until `done` holds (a rule that never lets it hold fails by jest's timeout). */
export async function settle(done: () => boolean): Promise<void> {
	while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Freezes `Date` (only) `secondsIn` seconds into the current calendar minute and returns that moment:
 * the rate limit's window is the calendar minute, so it cannot turn during the test, and what the
 * sandbox derives from the moment (Retry-After) is exact. The signing client reads the same clock.
 */
export function freezeDateInMinute(secondsIn: number): number {
	const now = Math.floor(Date.now() / 60_000) * 60_000 + secondsIn * 1000;
	jest.useFakeTimers({
		now,
		doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
	});
	return now;
}
