/**
 * The one retry loop of the package: signed PrintOS requests (client.ts), presigned uploads and
 * storage downloads all run their attempts through it, so the retry policy (retryPolicy.ts), the
 * wait budget and the give-up report are the same everywhere.
 */
import { sleep } from 'n8n-workflow';

import type { Attempts } from './apiError';
import {
	isRetryable,
	retryDelayMs,
	retryFitsDeadline,
	type AttemptOutcome,
	type RetryMode,
	type RetrySettings,
} from './retryPolicy';

/** What one attempt came to: a value to return, or an outcome to retry or give up on. */
export type AttemptResult<T> =
	| { done: true; value: T }
	| {
			done: false;
			outcome: AttemptOutcome;
			/** The error to throw when no retry follows. */
			giveUp: (attempts: Attempts) => Error;
	  };

export interface RetryLoopOptions {
	mode: RetryMode;
	settings: RetrySettings;
	/** One attempt's timeout, for the request deadline (`RetrySettings.maxRequestMs`). */
	timeoutMs: number;
	/**
	 * `request` (the default) also bounds the retries after a lost answer by the request deadline;
	 * `waits` bounds only the total wait, for transfers whose one attempt may rightly take long.
	 */
	limit?: 'request' | 'waits';
	/** Before each attempt, e.g. the pacer's slot. */
	beforeAttempt?: () => Promise<void>;
	/** After a failed attempt, with the wait before the retry (0 when none follows). */
	afterFailure?: (outcome: AttemptOutcome, delayMs: number) => void;
}

export async function runWithRetries<T>(
	attempt: (retry: number) => Promise<AttemptResult<T>>,
	options: RetryLoopOptions,
): Promise<T> {
	const { settings } = options;
	const startedAt = Date.now();
	let waited = 0;
	for (let retry = 0; ; retry++) {
		await options.beforeAttempt?.();
		const result = await attempt(retry);
		if (result.done) return result.value;

		const { outcome } = result;
		const canRetry = isRetryable(outcome, options.mode) && retry < settings.maxRetries;
		const delay = canRetry ? retryDelayMs(outcome, retry + 1, settings) : 0;
		options.afterFailure?.(outcome, delay);
		const inTime =
			options.limit === 'waits'
				? waited + delay <= settings.maxTotalWaitMs
				: retryFitsDeadline(outcome, {
						elapsedMs: Date.now() - startedAt,
						delayMs: delay,
						waitedMs: waited,
						timeoutMs: options.timeoutMs,
						settings,
					});
		if (canRetry && inTime) {
			waited += delay;
			await sleep(delay);
			continue;
		}
		throw result.giveUp({ count: retry + 1, elapsedMs: Date.now() - startedAt });
	}
}
