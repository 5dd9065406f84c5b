/**
 * Client-side pacing, shared by every node in this n8n process that uses the same PrintOS account:
 * requests are spaced to stay under the account's per-minute limit instead of discovering it
 * through 429s, and a 429 pauses every request of that account until the server's moment.
 *
 * Several n8n processes on one account (queue-mode workers) cannot see each other's traffic, so
 * without an explicit pace each process learns its share from the server (additive increase,
 * multiplicative decrease): a 429 shrinks this process's pace once per congestion event, and
 * steady success grows it back towards the ceiling. Processes that shrink at the same events and
 * grow at the same speed converge on equal shares whose sum sits at the account's limit.
 */
import { sleep } from 'n8n-workflow';

/** Site Flow allows 3000 requests per minute per user (docs/printos-api.md#pacer). */
export const PRINTOS_REQUESTS_PER_MINUTE = 3000;
/** Headroom for clock edges of the server's fixed one-minute window. */
export const DEFAULT_PACE_PER_MINUTE = 2940;

export const PACE_LEARNING = {
	/** A congestion event multiplies the learned pace by this. */
	shrinkFactor: 0.75,
	/** Each second of steady success adds this share of the ceiling (back to it in 150 s from 0). */
	growthPerSecondOfCeiling: 1 / 150,
	/** The learned pace never drops below this many requests per minute. */
	floorPerMinute: 30,
};

export interface PaceOptions {
	/** Learn this process's share from the server (no explicit pace); `perMinute` is the ceiling. */
	learn?: boolean;
}

/**
 * The learning rule on its own, with the time passed in, so each rule is testable without a clock.
 * `ceiling` is the most this process may send; `perMinute` is its current learned share.
 */
export class PaceLearner {
	perMinute: number;
	private shrunkAt = -Infinity;
	private growingSince: number;

	constructor(
		public ceiling: number,
		now: number,
	) {
		this.perMinute = ceiling;
		this.growingSince = now;
	}

	setCeiling(ceiling: number): void {
		this.ceiling = ceiling;
		if (this.perMinute > ceiling) this.perMinute = ceiling;
	}

	/**
	 * The server refused a request sent at `sentAt`. Requests sent before the last shrink belong to
	 * the event that caused it, so one burst of 429s shrinks the pace once. Growth resumes only
	 * once the server's pause (`resumeAt`) is over.
	 */
	congested(sentAt: number, now: number, resumeAt = now): boolean {
		if (sentAt < this.shrunkAt) return false;
		this.perMinute = Math.max(PACE_LEARNING.floorPerMinute, Math.min(this.ceiling, this.perMinute * PACE_LEARNING.shrinkFactor));
		this.shrunkAt = now;
		this.growingSince = Math.max(now, resumeAt);
		return true;
	}

	/** A request succeeded at `now`: the time since the last growth (or shrink) grows the pace. */
	succeeded(now: number): void {
		if (now <= this.growingSince) return;
		const seconds = (now - this.growingSince) / 1000;
		this.perMinute = Math.min(this.ceiling, this.perMinute + seconds * this.ceiling * PACE_LEARNING.growthPerSecondOfCeiling);
		this.growingSince = now;
	}
}

interface PacerState {
	perMinute: number;
	learner?: PaceLearner;
	/** Just under the limit the server announced, if it did. */
	announcedCeiling?: number;
	nextSlotAt: number;
	pausedUntil: number;
}

const pacers = new Map<string, PacerState>();

function stateFor(key: string, perMinute: number, learn: boolean): PacerState {
	let state = pacers.get(key);
	if (!state) {
		state = { perMinute, nextSlotAt: 0, pausedUntil: 0 };
		pacers.set(key, state);
	}
	const ceiling = Math.min(perMinute, state.announcedCeiling ?? Infinity);
	if (learn) {
		state.learner ??= new PaceLearner(ceiling, Date.now());
		state.learner.setCeiling(ceiling);
		state.perMinute = state.learner.perMinute;
	} else {
		state.perMinute = ceiling;
	}
	return state;
}

/**
 * Waits until this request may go out and returns the moment it went (for `pauseAccount`).
 * `perMinute <= 0` turns pacing off.
 */
export async function acquireSlot(key: string, perMinute: number, options: PaceOptions = {}): Promise<number> {
	if (perMinute <= 0) return Date.now();
	for (;;) {
		const state = stateFor(key, perMinute, options.learn ?? false);
		const interval = 60_000 / state.perMinute;
		const now = Date.now();
		const slot = Math.max(now, state.nextSlotAt, state.pausedUntil);
		state.nextSlotAt = slot + interval;
		const wait = slot - now;
		if (wait > 0) await sleep(wait);
		// A 429 that came while this request waited pauses it too: it queues again after the pause
		if (state.pausedUntil <= slot) return slot;
	}
}

/**
 * A 429 tells every request of this account to hold off until `untilMs`, and shrinks a learned
 * pace once per congestion event (`sentAt`: when the refused request went out).
 */
export function pauseAccount(key: string, untilMs: number, sentAt?: number): void {
	const state = pacers.get(key);
	if (!state) return;
	if (untilMs > state.pausedUntil) state.pausedUntil = untilMs;
	if (state.learner && sentAt !== undefined && state.learner.congested(sentAt, Date.now(), state.pausedUntil)) {
		state.perMinute = state.learner.perMinute;
	}
}

/** A request of this account succeeded: a learned pace grows back. */
export function noteSuccess(key: string): void {
	const state = pacers.get(key);
	if (!state?.learner) return;
	state.learner.succeeded(Date.now());
	state.perMinute = state.learner.perMinute;
}

/**
 * A server that announces its limit (X-RateLimit-Limit, name unconfirmed) is paced just under it;
 * one that announces nothing is left for the account (X-RateLimit-Remaining 0) shrinks a learned
 * pace as a 429 would, before the 429s come.
 */
export function adoptAnnouncedLimit(
	key: string,
	announced: { limit?: number; remaining?: number; sentAt?: number },
	configured: number,
): number {
	const state = pacers.get(key);
	if (announced.remaining === 0 && state?.learner && announced.sentAt !== undefined) {
		state.learner.congested(announced.sentAt, Date.now());
		state.perMinute = state.learner.perMinute;
	}
	const limit = announced.limit;
	if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return configured;
	const ceiling = Math.floor(limit * (DEFAULT_PACE_PER_MINUTE / PRINTOS_REQUESTS_PER_MINUTE));
	const effective = configured > 0 ? Math.min(configured, ceiling) : configured;
	if (state && effective > 0) {
		state.announcedCeiling = ceiling;
		if (state.learner) {
			state.learner.setCeiling(effective);
			state.perMinute = state.learner.perMinute;
		} else state.perMinute = effective;
	}
	return effective;
}

/** What this process currently paces one account at (requests per minute), for tests and benchmarks. */
export function currentPace(key: string): number | undefined {
	return pacers.get(key)?.perMinute;
}

/** For tests: forget all accounts' pacing state. */
export function resetPacers(): void {
	pacers.clear();
}
