/**
 * The adaptive in-flight bound, on a fake clock: a discrete-event model of one node run whose
 * items each wait for a pacer slot and then a fixed round trip. Nothing here reads the real clock.
 */
import { AdaptiveConcurrency, wantedWaiting } from '../../nodes/PrintOs/transport/adaptiveConcurrency';

interface Run {
	/** Items finished per second in the second half of the run. */
	steadyPerSecond: number;
	/** Largest bound seen in the second half. */
	maxBound: number;
	/** Largest number of items waiting for a pacer slot in the second half. */
	maxWaiting: number;
}

/** `items` items through a pacer of `pacePerSecond` with round trip `rttMs`, bounded by `bound`. */
function simulate(bound: AdaptiveConcurrency, options: { items: number; pacePerSecond: number; rttMs: number }): Run {
	const interval = 1000 / options.pacePerSecond;
	let now = 0;
	let nextSlot = 0;
	let started = 0;
	const running: Array<{ startedAt: number; slot: number; endsAt: number }> = [];
	const finishedAt: number[] = [];
	let maxBound = 0;
	let maxWaiting = 0;
	const half = options.items / 2;
	while (finishedAt.length < options.items) {
		while (running.length < Math.floor(bound.bound) && started < options.items) {
			const slot = Math.max(now, nextSlot);
			nextSlot = slot + interval;
			running.push({ startedAt: now, slot, endsAt: slot + options.rttMs });
			started++;
		}
		running.sort((a, b) => a.endsAt - b.endsAt);
		const done = running.shift()!;
		now = done.endsAt;
		bound.learn(done.endsAt - done.startedAt);
		finishedAt.push(now);
		if (finishedAt.length > half) {
			maxBound = Math.max(maxBound, bound.bound);
			maxWaiting = Math.max(maxWaiting, running.filter((item) => item.slot > now).length);
		}
	}
	const steady = finishedAt.slice(half);
	const steadyPerSecond = ((steady.length - 1) * 1000) / (steady[steady.length - 1] - steady[0]);
	return { steadyPerSecond, maxBound, maxWaiting };
}

const PACE_PER_SECOND = 49; // the default 2940 per minute

describe('adaptive in-flight bound', () => {
	it.each([200, 600, 1500])('lets the pacer, not the bound, limit throughput at %i ms round trip', (rttMs) => {
		const run = simulate(new AdaptiveConcurrency(150), { items: 3000, pacePerSecond: PACE_PER_SECOND, rttMs });
		expect(run.steadyPerSecond).toBeGreaterThanOrEqual(PACE_PER_SECOND * 0.98);
		// and it does so with few items waiting at the pacer, far below the upper bound
		const needed = (PACE_PER_SECOND * rttMs) / 1000;
		const wanted = wantedWaiting(run.maxBound);
		expect(run.maxBound).toBeLessThanOrEqual(needed + 2 * wanted);
		expect(run.maxWaiting).toBeLessThanOrEqual(2 * wanted);
	});

	it('a fixed bound of 10 would not (the reason for adapting)', () => {
		const fixed = new AdaptiveConcurrency(10, 10);
		fixed.learn = () => {};
		const run = simulate(fixed, { items: 600, pacePerSecond: PACE_PER_SECOND, rttMs: 600 });
		expect(run.steadyPerSecond).toBeLessThan(PACE_PER_SECOND * 0.4);
	});

	it('never exceeds the configured upper bound', () => {
		const run = simulate(new AdaptiveConcurrency(7), { items: 500, pacePerSecond: PACE_PER_SECOND, rttMs: 1500 });
		expect(Math.floor(run.maxBound)).toBe(7);
	});

	it('starts by growing one per item that did not wait, then moves by half the excess per round trip', () => {
		const bound = new AdaptiveConcurrency(150, 10);
		bound.learn(500);
		expect(bound.bound).toBe(11);
		bound.learn(500);
		expect(bound.bound).toBe(12);
		// items that took twice the round trip: about half of those in flight are waiting
		for (let i = 0; i < 5; i++) bound.learn(1000);
		expect(bound.waitingItems).toBeGreaterThan(wantedWaiting(bound.bound));
		const grown = bound.bound;
		bound.learn(1000);
		expect(bound.bound).toBeLessThan(grown);
		expect(grown - bound.bound).toBeLessThan(1);
		// past the start, an item that did not wait grows the bound by less than one
		for (let i = 0; i < 50; i++) bound.learn(500);
		const before = bound.bound;
		bound.learn(500);
		expect(bound.bound).toBeGreaterThan(before);
		expect(bound.bound - before).toBeLessThan(1);
	});

	it('admits in request order and never more than the bound at once', async () => {
		const bound = new AdaptiveConcurrency(3, 3);
		const order: number[] = [];
		let running = 0;
		let most = 0;
		let next = 0;
		const releases: Array<() => void> = [];
		const take = () => (next < 9 ? next++ : undefined);
		const worker = async () => {
			for (let item = await bound.admit(take); item !== undefined; item = await bound.admit(take)) {
				order.push(item);
				await bound.measure(async () => {
					running++;
					most = Math.max(most, running);
					await new Promise<void>((resolve) => releases.push(resolve));
					running--;
				});
			}
		};
		const workers = Promise.all(Array.from({ length: 5 }, worker));
		while (order.length < 9 || releases.length) {
			await new Promise((resolve) => setImmediate(resolve));
			releases.shift()?.();
		}
		await workers;
		expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(most).toBeLessThanOrEqual(3);
		expect(bound.inFlight).toBe(0);
	});
});
