/**
 * How many items of one node run are in flight at once. A fixed number caps throughput at
 * number ÷ round-trip time, so at high latency the pacer's budget goes unused and at low latency
 * items only queue at the pacer. The bound instead follows the measured item times (a TCP Vegas
 * rule): the fastest item time seen is the round trip without queueing; when recent items take
 * longer, the difference is time spent waiting (at the pacer, or in a pause after a 429), and
 * `bound × (1 − fastest ÷ recent)` estimates how many items are waiting rather than travelling.
 * A few waiting items keep the pacer busy, so the pacer, not this bound, limits throughput.
 *
 * A run starts by growing the bound by one per item (doubling per round trip) until items first
 * wait more than needed. From then on each item moves the bound by half the difference between
 * the wanted and the estimated waiting items, spread over one round trip's worth of items: the
 * effect of a change is only seen a round trip later, and a faster rule oscillates.
 * Items are admitted in input order.
 */

/** The most items in flight when the node's "Items in Parallel" is not set. */
export const AUTO_MAX_ITEMS_IN_FLIGHT = 150;
/** Where an automatic bound starts (what a fixed bound used to be). */
export const INITIAL_ITEMS_IN_FLIGHT = 10;
/** Weight of the newest item time in the recent average. */
const RECENT_WEIGHT = 0.2;

/** Items waiting that keep the pacer busy through the jitter of item times. */
export function wantedWaiting(bound: number): number {
	return 3 + 0.15 * bound;
}

export class AdaptiveConcurrency {
	/** The current bound (1..max); fractional while it moves, whole items are admitted. */
	bound: number;
	/** Growing quickly until items first wait more than needed. */
	private startingUp = true;
	inFlight = 0;
	private fastestMs = Infinity;
	private recentMs: number | undefined;
	private readonly waiting: Array<() => void> = [];

	/**
	 * @param max the most in flight ("Items in Parallel", or AUTO_MAX_ITEMS_IN_FLIGHT)
	 * @param initial where the bound starts
	 * @param now a clock for item times (tests pass a fake one)
	 */
	constructor(
		readonly max: number,
		initial = Math.min(max, INITIAL_ITEMS_IN_FLIGHT),
		private readonly now: () => number = Date.now,
	) {
		this.max = Math.max(1, Math.floor(max));
		this.bound = Math.max(1, Math.min(this.max, Math.floor(initial)));
	}

	/**
	 * Waits for room under the bound, then calls `take` in the same tick: what it returns is the
	 * caller's work, to run through `measure`; `undefined` (no work left) hands the place on and the
	 * caller stops. Taking the work here, not after this promise settles, is what keeps two callers
	 * from being admitted for one last item.
	 */
	async admit<T>(take: () => T | undefined): Promise<T | undefined> {
		if (this.inFlight < this.places && this.waiting.length === 0) this.inFlight++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		const work = take();
		if (work === undefined) this.release();
		return work;
	}

	/** Runs one admitted item; a successful item's time teaches the bound. */
	async measure<T>(task: () => Promise<T>): Promise<T> {
		const started = this.now();
		try {
			const result = await task();
			this.learn(this.now() - started);
			return result;
		} finally {
			this.release();
		}
	}

	/** Estimated items in flight that are waiting rather than travelling. */
	get waitingItems(): number {
		if (this.recentMs === undefined) return 0;
		return this.bound * (1 - this.fastestMs / this.recentMs);
	}

	/** One successful item took `durationMs` (public for tests). */
	learn(durationMs: number): void {
		const duration = Math.max(durationMs, 1);
		this.fastestMs = Math.min(this.fastestMs, duration);
		this.recentMs = this.recentMs === undefined ? duration : this.recentMs + RECENT_WEIGHT * (duration - this.recentMs);
		const excess = this.waitingItems - wantedWaiting(this.bound);
		if (this.startingUp && excess <= 0) {
			this.bound = Math.min(this.max, this.bound + 1);
			return;
		}
		this.startingUp = false;
		this.bound = Math.max(1, Math.min(this.max, this.bound - excess / (2 * this.bound)));
	}

	private get places(): number {
		return Math.max(1, Math.floor(this.bound));
	}

	private release(): void {
		this.inFlight--;
		// places go to waiting callers in the order they asked, so items start in input order
		while (this.waiting.length > 0 && this.inFlight < this.places) {
			this.inFlight++;
			this.waiting.shift()!();
		}
	}
}
