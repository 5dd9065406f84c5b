/**
 * The pacer's rules on jest's fake clock: which moment each request may go out at. The clock is
 * advanced by hand, so these are exact checks of the schedule, not measurements of time.
 */
import {
	acquireSlot,
	adoptAnnouncedLimit,
	currentPace,
	DEFAULT_PACE_PER_MINUTE,
	PACE_LEARNING,
	pauseAccount,
	PRINTOS_REQUESTS_PER_MINUTE,
	resetPacers,
} from '../../nodes/PrintOs/transport/pacer';

/** Starts `acquireSlot` and tells whether it has let the request go. */
function request(key: string, perMinute: number, options?: { learn?: boolean }): { released: () => boolean } {
	let released = false;
	void acquireSlot(key, perMinute, options).then(() => {
		released = true;
	});
	return { released: () => released };
}

/** Advances the fake clock to `ms` after the test's start and lets promises settle. */
let elapsed = 0;
async function clockAt(ms: number): Promise<void> {
	await jest.advanceTimersByTimeAsync(ms - elapsed);
	elapsed = ms;
}

beforeEach(() => {
	jest.useFakeTimers({ now: 1_000_000 });
	elapsed = 0;
	resetPacers();
});
afterEach(() => jest.useRealTimers());

describe('pacer', () => {
	it('spaces the requests of one account 60 s / perMinute apart', async () => {
		const [first, second, third] = [request('a', 60), request('a', 60), request('a', 60)];
		await clockAt(0);
		expect([first.released(), second.released(), third.released()]).toEqual([true, false, false]);
		await clockAt(999);
		expect(second.released()).toBe(false);
		await clockAt(1000);
		expect([second.released(), third.released()]).toEqual([true, false]);
		await clockAt(1999);
		expect(third.released()).toBe(false);
		await clockAt(2000);
		expect(third.released()).toBe(true);
	});

	it('holds requests already waiting for their slot when a 429 pauses the account', async () => {
		// 600/min: slots at 0, 100, 200, 300, 400 ms
		const queued = Array.from({ length: 5 }, () => request('a', 600));
		await clockAt(50);
		expect(queued.map((entry) => entry.released())).toEqual([true, false, false, false, false]);
		// the first request's 429 arrives at 50 ms: nothing more until 1050 ms
		pauseAccount('a', Date.now() + 1000);
		await clockAt(1049);
		expect(queued.map((entry) => entry.released())).toEqual([true, false, false, false, false]);
		await clockAt(1050);
		expect(queued.filter((entry) => entry.released())).toHaveLength(2);
		await clockAt(1350);
		expect(queued.every((entry) => entry.released())).toBe(true);
	});

	it('paces each account on its own', async () => {
		request('a', 60);
		const otherAccount = request('b', 60);
		const sameAccount = request('a', 60);
		await clockAt(0);
		expect(otherAccount.released()).toBe(true);
		expect(sameAccount.released()).toBe(false);
	});

	it('lets a request go at once when the account has been quiet for an interval', async () => {
		request('a', 60);
		await clockAt(5000);
		const later = request('a', 60);
		await clockAt(5000);
		expect(later.released()).toBe(true);
	});

	it('holds every request of a paused account until the pause ends, and only that account', async () => {
		request('a', 6000);
		request('b', 6000);
		await clockAt(0);
		pauseAccount('a', Date.now() + 5000);
		const paused = request('a', 6000);
		const other = request('b', 6000);
		await clockAt(4999);
		expect(paused.released()).toBe(false);
		expect(other.released()).toBe(true);
		await clockAt(5000);
		expect(paused.released()).toBe(true);
	});

	it('keeps the later of two pauses', async () => {
		request('a', 6000);
		await clockAt(0);
		pauseAccount('a', Date.now() + 5000);
		pauseAccount('a', Date.now() + 1000);
		const waiting = request('a', 6000);
		await clockAt(4999);
		expect(waiting.released()).toBe(false);
		await clockAt(5000);
		expect(waiting.released()).toBe(true);
	});

	it('turns pacing off at perMinute 0, even for a paused account', async () => {
		request('a', 60);
		await clockAt(0);
		pauseAccount('a', Date.now() + 60_000);
		const unpaced = [request('a', 0), request('a', 0), request('a', -1)];
		await clockAt(0);
		expect(unpaced.map((entry) => entry.released())).toEqual([true, true, true]);
	});

	it('computes the pace just under an announced limit, never above the configured one', () => {
		expect(DEFAULT_PACE_PER_MINUTE).toBeLessThan(PRINTOS_REQUESTS_PER_MINUTE);
		// 613 announced: 613 × 2940/3000 = 600.74, paced at 600
		expect(adoptAnnouncedLimit('a', { limit: 613 }, DEFAULT_PACE_PER_MINUTE)).toBe(600);
		expect(adoptAnnouncedLimit('a', { limit: 100_000 }, 100)).toBe(100);
		expect(adoptAnnouncedLimit('a', { limit: 600 }, 0)).toBe(0);
		expect(adoptAnnouncedLimit('a', { limit: Number.NaN }, 2000)).toBe(2000);
		expect(adoptAnnouncedLimit('a', { limit: 0 }, 2000)).toBe(2000);
		expect(adoptAnnouncedLimit('a', { limit: -5 }, 2000)).toBe(2000);
	});

	it('paces at the pace each request brings: a changed Max Requests per Minute applies at once', async () => {
		request('a', 60);
		// the slot after the first is at 1000 ms (60/min); from then on 120/min, 500 ms apart
		const [second, third] = [request('a', 120), request('a', 120)];
		await clockAt(1000);
		expect(second.released()).toBe(true);
		await clockAt(1499);
		expect(third.released()).toBe(false);
		await clockAt(1500);
		expect(third.released()).toBe(true);
	});

	it('keeps an announced limit as a ceiling for later requests, under a lower configured pace too', async () => {
		request('a', DEFAULT_PACE_PER_MINUTE);
		await clockAt(1000);
		// 613 announced: paced at 600/min, 100 ms apart, although each request asks for 2940
		adoptAnnouncedLimit('a', { limit: 613 }, DEFAULT_PACE_PER_MINUTE);
		const announced = [request('a', DEFAULT_PACE_PER_MINUTE), request('a', DEFAULT_PACE_PER_MINUTE)];
		await clockAt(1099);
		expect(announced.map((entry) => entry.released())).toEqual([true, false]);
		await clockAt(1100);
		expect(announced[1].released()).toBe(true);
		expect(currentPace('a')).toBe(600);
		// a configured 300/min below the announced ceiling wins
		request('a', 300);
		expect(currentPace('a')).toBe(300);
	});

	it('lowers a learned pace at once when the configured ceiling drops', async () => {
		request('a', 600, { learn: true });
		await clockAt(0);
		// the next slot was set at 100 ms (600/min); the ceiling now drops to 60/min: 1 s apart after it
		const [second, third] = [request('a', 60, { learn: true }), request('a', 60, { learn: true })];
		await clockAt(100);
		expect(second.released()).toBe(true);
		expect(currentPace('a')).toBe(60);
		await clockAt(1099);
		expect(third.released()).toBe(false);
		await clockAt(1100);
		expect(third.released()).toBe(true);
	});

	it('learns only when asked: a 429 pauses an account with a given pace but never shrinks it', async () => {
		request('a', 600);
		await clockAt(0);
		pauseAccount('a', Date.now() + 1000, Date.now());
		expect(currentPace('a')).toBe(600);
	});

	it('shrinks a learned pace on a 429 at once, for every request of the account', async () => {
		request('a', 600, { learn: true });
		await clockAt(0);
		pauseAccount('a', Date.now() + 1000, Date.now());
		expect(currentPace('a')).toBe(600 * PACE_LEARNING.shrinkFactor);
	});

	it('does not let an announcement received while pacing is off stall the account once pacing is on', async () => {
		request('a', DEFAULT_PACE_PER_MINUTE, { learn: true });
		await clockAt(0);
		// a node with pacing off (0) on the same account reads an announced limit: nothing is adopted
		expect(adoptAnnouncedLimit('a', { limit: 613 }, 0)).toBe(0);
		const paced = [request('a', DEFAULT_PACE_PER_MINUTE, { learn: true }), request('a', DEFAULT_PACE_PER_MINUTE, { learn: true })];
		await clockAt(60_000);
		expect(paced.map((entry) => entry.released())).toEqual([true, true]);
		expect(currentPace('a')).toBe(DEFAULT_PACE_PER_MINUTE);
	});
});
