/**
 * The retry loop's own rules, on jest's fake clock: which attempts run, how long the loop waits
 * between them, when it gives up and what it reports. Each attempt is scripted by the test (the
 * loop takes the attempt as a function); jitter is off, so every wait is exact. The same loop through
 * the real client and a scripted server is in test/transport/retryBudget.test.ts.
 */
import type { Attempts } from '../../nodes/PrintOs/transport/apiError';
import { runWithRetries, type AttemptResult, type RetryLoopOptions } from '../../nodes/PrintOs/transport/retryLoop';
import { DEFAULT_RETRY_SETTINGS, type AttemptOutcome, type RetrySettings } from '../../nodes/PrintOs/transport/retryPolicy';

const START = 1_000_000;

/** Backoff base 10 ms, no jitter: retry n waits exactly 2^n × 10 ms (20, 40, 80, …). */
const SETTINGS: RetrySettings = { ...DEFAULT_RETRY_SETTINGS, serverErrorBaseMs: 10, rateLimitBaseMs: 10, jitter: 0 };

class GaveUp extends Error {
	constructor(readonly outcome: AttemptOutcome, readonly attempts: Attempts) {
		super('gave up');
	}
}

function failure(outcome: AttemptOutcome): AttemptResult<string> {
	return { done: false, outcome, giveUp: (attempts) => new GaveUp(outcome, attempts) };
}

const unavailable: AttemptOutcome = { kind: 'response', status: 503 };
const noAnswer: AttemptOutcome = { kind: 'networkError' };

interface Run {
	/** When each attempt started, in ms after the start, with its retry number. */
	attempts: Array<{ retry: number; at: number }>;
	/** What `afterFailure` saw: the status (or 'network') and the wait it was told. */
	failures: Array<{ what: number | 'network'; delayMs: number }>;
	result: Promise<string>;
}

/**
 * Runs the loop over `script` (one outcome per attempt; a string is a success) and records every
 * attempt's moment on the fake clock. Each attempt may take `attemptMs` of fake time.
 */
function run(script: Array<AttemptOutcome | string>, options: Partial<RetryLoopOptions> = {}, attemptMs = 0): Run {
	const record: Run = { attempts: [], failures: [], result: Promise.resolve('') };
	record.result = runWithRetries<string>(
		async (retry) => {
			record.attempts.push({ retry, at: Date.now() - START });
			if (attemptMs) await new Promise((resolve) => setTimeout(resolve, attemptMs));
			const next = script[Math.min(retry, script.length - 1)];
			return typeof next === 'string' ? { done: true, value: next } : failure(next);
		},
		{
			mode: 'idempotent',
			settings: SETTINGS,
			timeoutMs: 1000,
			afterFailure: (outcome, delayMs) => record.failures.push({ what: outcome.kind === 'response' ? outcome.status : 'network', delayMs }),
			...options,
		},
	);
	// the test inspects the rejection itself
	record.result.catch(() => undefined);
	return record;
}

async function settle(record: Run): Promise<{ value?: string; error?: GaveUp }> {
	await jest.runAllTimersAsync();
	try {
		return { value: await record.result };
	} catch (error) {
		return { error: error as GaveUp };
	}
}

beforeEach(() => jest.useFakeTimers({ now: START }));
afterEach(() => jest.useRealTimers());

describe('the retry loop', () => {
	it('returns the first success, waiting the policy’s backoff before each retry', async () => {
		const record = run([unavailable, unavailable, 'ok']);
		const { value } = await settle(record);
		expect(value).toBe('ok');
		// waits of 20 ms, then 40 ms
		expect(record.attempts).toEqual([
			{ retry: 0, at: 0 },
			{ retry: 1, at: 20 },
			{ retry: 2, at: 60 },
		]);
		expect(record.failures).toEqual([
			{ what: 503, delayMs: 20 },
			{ what: 503, delayMs: 40 },
		]);
	});

	it('does not start a retry before its wait is over', async () => {
		const record = run([unavailable, 'ok']);
		await jest.advanceTimersByTimeAsync(19);
		expect(record.attempts).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		expect(record.attempts).toHaveLength(2);
		expect(await record.result).toBe('ok');
	});

	it('runs beforeAttempt before every attempt, retries included', async () => {
		const order: string[] = [];
		const record = run([unavailable, 'ok'], { beforeAttempt: async () => void order.push(`slot ${order.length}`) });
		await settle(record);
		expect(order).toEqual(['slot 0', 'slot 1']);
		expect(record.attempts).toHaveLength(2);
	});

	it('gives up after maxRetries retries with the last failure’s error, counting every attempt and the time taken', async () => {
		const record = run([unavailable], { settings: { ...SETTINGS, maxRetries: 2 } });
		const { error } = await settle(record);
		expect(error).toBeInstanceOf(GaveUp);
		expect(error?.outcome).toBe(unavailable);
		// waits 20 + 40 ms before the third and last attempt
		expect(error?.attempts).toEqual({ count: 3, elapsedMs: 60 });
		expect(record.attempts.map((attempt) => attempt.retry)).toEqual([0, 1, 2]);
		// the last failure is told no wait follows
		expect(record.failures.map((entry) => entry.delayMs)).toEqual([20, 40, 0]);
	});

	it('never retries what the mode does not allow: a 503 on a creating POST fails at once', async () => {
		const record = run([unavailable, 'never sent'], { mode: 'rateLimitOnly' });
		const { error } = await settle(record);
		expect(error?.attempts).toEqual({ count: 1, elapsedMs: 0 });
		expect(record.failures).toEqual([{ what: 503, delayMs: 0 }]);
	});

	it('retries a 429 also on a creating POST', async () => {
		const record = run([{ kind: 'response', status: 429 }, 'created'], { mode: 'rateLimitOnly' });
		expect((await settle(record)).value).toBe('created');
		expect(record.attempts).toEqual([
			{ retry: 0, at: 0 },
			{ retry: 1, at: 20 },
		]);
	});

	it('counts the time spent inside attempts in the give-up report', async () => {
		const record = run([unavailable], { settings: { ...SETTINGS, maxRetries: 1 } }, 300);
		const { error } = await settle(record);
		// 300 ms attempt, 20 ms wait, 300 ms attempt
		expect(error?.attempts).toEqual({ count: 2, elapsedMs: 620 });
	});
});

describe('the wait budget', () => {
	// waits 20, 40, 80 ms: a budget of exactly their sum allows all three
	it.each([
		['request', 139, 3],
		['request', 140, 4],
		['waits', 139, 3],
		['waits', 140, 4],
		['waits', 59, 2],
		['waits', 60, 3],
	] as const)('with limit "%s", a budget of %i ms allows %i attempts', async (limit, maxTotalWaitMs, attempts) => {
		const record = run([unavailable], { limit, settings: { ...SETTINGS, maxRetries: 3, maxTotalWaitMs } });
		const { error } = await settle(record);
		expect(record.attempts).toHaveLength(attempts);
		expect(error?.attempts.count).toBe(attempts);
	});

	it('by default also bounds retries after a lost answer by the request deadline', async () => {
		// attempts take 1000 ms (the timeout); 1000 + 20 + 1000 fits 2100, a third (2020 + 40 + 1000) does not
		const record = run([noAnswer], { settings: { ...SETTINGS, maxRequestMs: 2100 } }, 1000);
		const { error } = await settle(record);
		expect(record.attempts.map((attempt) => attempt.at)).toEqual([0, 1020]);
		expect(error?.attempts).toEqual({ count: 2, elapsedMs: 2020 });
	});

	it('with limit "waits", a lost answer is retried however long the attempts took', async () => {
		const record = run([noAnswer, noAnswer, 'uploaded'], { limit: 'waits', settings: { ...SETTINGS, maxRequestMs: 2100 } }, 1000);
		expect((await settle(record)).value).toBe('uploaded');
		expect(record.attempts.map((attempt) => attempt.at)).toEqual([0, 1020, 2060]);
	});
});
