/**
 * The pacer's learning rule on a fake clock: several n8n processes (queue-mode workers) on one
 * account, each pacing on its own with a PaceLearner, against a model of the server's limit.
 * Nothing here reads the real clock; the integration with the client is in
 * test/transport/paceLearning.test.ts.
 */
import { DEFAULT_PACE_PER_MINUTE, PACE_LEARNING, PaceLearner } from '../../nodes/PrintOs/transport/pacer';

const LIMIT = 3000;
const MINUTE = 60_000;

/** A server's rate limit: may a request arriving at `at` through? If not, how long to wait. */
interface LimitModel {
	admit(at: number): { ok: true } | { ok: false; retryAfterMs: number };
}

/** The sandbox's and the PrintOS KB's rule: 3000 per calendar minute, 429 until the next minute. */
function calendarMinute(limit = LIMIT): LimitModel {
	let minute = -1;
	let count = 0;
	return {
		admit(at) {
			const current = Math.floor(at / MINUTE);
			if (current !== minute) [minute, count] = [current, 0];
			if (++count <= limit) return { ok: true };
			return { ok: false, retryAfterMs: Math.ceil(((current + 1) * MINUTE - at) / 1000) * 1000 };
		},
	};
}

/** A token bucket refilled at the limit (a rolling limit), answering 429 with Retry-After 1 s. */
function tokenBucket(limit = LIMIT, burst = 50): LimitModel {
	let tokens = burst;
	let last = 0;
	return {
		admit(at) {
			tokens = Math.min(burst, tokens + ((at - last) * limit) / MINUTE);
			last = at;
			if (tokens >= 1) {
				tokens--;
				return { ok: true };
			}
			return { ok: false, retryAfterMs: 1000 };
		},
	};
}

interface Worker {
	learner?: PaceLearner;
	fixedPerMinute: number;
	nextSlot: number;
	pausedUntil: number;
	successes: number;
	refused: number;
}

interface Outcome {
	shareOfLimit: number;
	share429: number;
	workerShares: number[];
}

/**
 * `workers` processes, each with an endless backlog, sending at its pace; every answer arrives a
 * round trip after sending and the server decides halfway. Measured after `warmUpMinutes`.
 */
function simulate(options: { workers: number; limit: LimitModel; learn: boolean; minutes: number; warmUpMinutes: number; rttMs?: number }): Outcome {
	const rtt = options.rttMs ?? 250;
	const workers: Worker[] = Array.from({ length: options.workers }, () => ({
		learner: options.learn ? new PaceLearner(DEFAULT_PACE_PER_MINUTE, 0) : undefined,
		fixedPerMinute: DEFAULT_PACE_PER_MINUTE,
		nextSlot: 0,
		pausedUntil: 0,
		successes: 0,
		refused: 0,
	}));
	const answers: Array<{ worker: Worker; sentAt: number; at: number; ok: boolean; retryAfterMs: number }> = [];
	const end = options.minutes * MINUTE;
	const measureFrom = options.warmUpMinutes * MINUTE;
	const sendTime = (w: Worker) => Math.max(w.nextSlot, w.pausedUntil);
	for (;;) {
		const sender = workers.reduce((a, b) => (sendTime(b) < sendTime(a) ? b : a));
		const now = Math.min(sendTime(sender), answers[0]?.at ?? Infinity);
		if (now >= end) break;
		if (answers.length && answers[0].at <= sendTime(sender)) {
			const answer = answers.shift()!;
			const w = answer.worker;
			if (answer.ok) {
				w.learner?.succeeded(answer.at);
				if (answer.at >= measureFrom) w.successes++;
			} else {
				w.pausedUntil = Math.max(w.pausedUntil, answer.at + answer.retryAfterMs);
				w.learner?.congested(answer.sentAt, answer.at, w.pausedUntil);
				if (answer.at >= measureFrom) w.refused++;
			}
			continue;
		}
		const sentAt = sendTime(sender);
		const perMinute = sender.learner?.perMinute ?? sender.fixedPerMinute;
		sender.nextSlot = sentAt + MINUTE / perMinute;
		const decision = options.limit.admit(sentAt + rtt / 2);
		answers.push({ worker: sender, sentAt, at: sentAt + rtt, ok: decision.ok, retryAfterMs: decision.ok ? 0 : decision.retryAfterMs });
	}
	const minutes = options.minutes - options.warmUpMinutes;
	const successes = workers.reduce((sum, w) => sum + w.successes, 0);
	const refused = workers.reduce((sum, w) => sum + w.refused, 0);
	return {
		shareOfLimit: successes / (LIMIT * minutes),
		share429: refused / (successes + refused),
		workerShares: workers.map((w) => w.successes / successes),
	};
}

function expectFair(shares: number[]) {
	expect(Math.max(...shares) / Math.min(...shares)).toBeLessThanOrEqual(2);
}

describe('pace learning (AIMD) across processes on one account', () => {
	it.each([
		['a calendar-minute limit (the sandbox)', calendarMinute],
		['a rolling limit (token bucket)', tokenBucket],
	])('three processes together fill %s, with few 429s and fair shares', (_name, model) => {
		const outcome = simulate({ workers: 3, limit: model(), learn: true, minutes: 12, warmUpMinutes: 2 });
		expect(outcome.shareOfLimit).toBeGreaterThanOrEqual(0.85);
		expect(outcome.shareOfLimit).toBeLessThanOrEqual(1.0001);
		expect(outcome.share429).toBeLessThanOrEqual(0.02);
		expectFair(outcome.workerShares);
	});

	it('without learning, three processes on a rolling limit get many 429s (the reason for learning)', () => {
		const outcome = simulate({ workers: 3, limit: tokenBucket(), learn: false, minutes: 6, warmUpMinutes: 1 });
		expect(outcome.share429).toBeGreaterThan(0.15);
	});

	it('one process alone keeps its full pace: no 429, so nothing to shrink', () => {
		const outcome = simulate({ workers: 1, limit: calendarMinute(), learn: true, minutes: 5, warmUpMinutes: 1 });
		expect(outcome.share429).toBe(0);
		expect(outcome.shareOfLimit).toBeGreaterThanOrEqual((DEFAULT_PACE_PER_MINUTE / LIMIT) * 0.99);
	});
});

describe('PaceLearner', () => {
	it('shrinks by the shrink factor on a 429', () => {
		const learner = new PaceLearner(2940, 0);
		expect(learner.congested(1000, 1100)).toBe(true);
		expect(learner.perMinute).toBeCloseTo(2940 * PACE_LEARNING.shrinkFactor, 6);
	});

	it('shrinks once for a burst of 429s to requests sent before the shrink', () => {
		const learner = new PaceLearner(2940, 0);
		learner.congested(1000, 1250);
		const once = learner.perMinute;
		expect(learner.congested(1010, 1260)).toBe(false);
		expect(learner.congested(1240, 1490)).toBe(false);
		expect(learner.perMinute).toBe(once);
		// a request sent after the shrink that is refused again is a new event
		expect(learner.congested(1300, 1550)).toBe(true);
		expect(learner.perMinute).toBeCloseTo(once * PACE_LEARNING.shrinkFactor, 6);
	});

	it('grows back with steady success at the configured speed, not before the pause ends, and never past the ceiling', () => {
		const learner = new PaceLearner(2940, 0);
		learner.congested(1000, 1000, 31_000);
		const shrunk = learner.perMinute;
		learner.succeeded(20_000);
		expect(learner.perMinute).toBe(shrunk);
		learner.succeeded(41_000);
		expect(learner.perMinute).toBeCloseTo(shrunk + 10 * 2940 * PACE_LEARNING.growthPerSecondOfCeiling, 6);
		learner.succeeded(10_000_000);
		expect(learner.perMinute).toBe(2940);
	});

	it('never drops below its floor', () => {
		const learner = new PaceLearner(2940, 0);
		for (let i = 1; i <= 60; i++) learner.congested(i * 1000, i * 1000 + 1);
		expect(learner.perMinute).toBe(PACE_LEARNING.floorPerMinute);
	});

	it('a lower ceiling (an announced limit) caps the learned pace at once', () => {
		const learner = new PaceLearner(2940, 0);
		learner.setCeiling(980);
		expect(learner.perMinute).toBe(980);
	});
});
