/**
 * When to retry and how long to wait (docs/printos-api.md#retries). Pure, so every rule is unit-testable.
 *
 * - 429: any method — the request was refused, not processed. Honour Retry-After; otherwise
 *   exponential backoff with jitter from the SDKs' 18 s base, capped.
 * - 5xx and network errors: only GET, PUT and DELETE. A POST may have created something.
 */
import type { HttpMethod } from './endpoint';

export interface RetrySettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Total time the retries of one request may wait, across attempts. */
	maxTotalWaitMs: number;
	/**
	 * After a network error (no answer, lost connection), no retry starts unless it could end, at the
	 * timeout, within this long after the first attempt began: a PrintOS that never answers fails a
	 * request in bounded time whatever Max Retries says.
	 */
	maxRequestMs: number;
	rateLimitBaseMs: number;
	serverErrorBaseMs: number;
	maxSingleWaitMs: number;
	/** 0..1 share of the delay added at random, so parallel clients do not retry in lockstep. */
	jitter: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 4,
	maxTotalWaitMs: 120_000,
	maxRequestMs: 100_000,
	rateLimitBaseMs: 18_000,
	serverErrorBaseMs: 200,
	maxSingleWaitMs: 60_000,
	jitter: 0.4,
};

export type RetryMode =
	/** GET/PUT/DELETE: 429, 5xx and network errors. */
	| 'idempotent'
	/** Creating POSTs: only 429 (nothing was processed). */
	| 'rateLimitOnly';

export function defaultRetryMode(method: HttpMethod): RetryMode {
	return method === 'POST' ? 'rateLimitOnly' : 'idempotent';
}

export type AttemptOutcome =
	| { kind: 'response'; status: number; retryAfterHeader?: string }
	| { kind: 'networkError' };

const RETRYABLE_SERVER_STATUSES = new Set([500, 502, 503, 504]);

export function isRetryable(outcome: AttemptOutcome, mode: RetryMode): boolean {
	if (outcome.kind === 'response') {
		if (outcome.status === 429) return true;
		return mode === 'idempotent' && RETRYABLE_SERVER_STATUSES.has(outcome.status);
	}
	return mode === 'idempotent';
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
	if (header === undefined || header === null) return undefined;
	const text = String(header).trim();
	if (!text) return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/** The wait before retry number `retry` (1-based). */
export function retryDelayMs(
	outcome: AttemptOutcome,
	retry: number,
	settings: RetrySettings,
	random: () => number = Math.random,
): number {
	if (outcome.kind === 'response' && outcome.status === 429) {
		const retryAfter = parseRetryAfter(outcome.retryAfterHeader);
		if (retryAfter !== undefined) {
			// a little past the server's own moment, so the retry lands in the new window
			return Math.min(retryAfter + Math.round(random() * 250), settings.maxSingleWaitMs);
		}
		const base = 2 ** retry * settings.rateLimitBaseMs;
		return Math.min(base + base * settings.jitter * random(), settings.maxSingleWaitMs);
	}
	const base = 2 ** retry * settings.serverErrorBaseMs;
	return Math.min(base + base * settings.jitter * random(), settings.maxSingleWaitMs);
}

export interface RetryTiming {
	/** Since the first attempt of the request began. */
	elapsedMs: number;
	/** The wait before the retry in question. */
	delayMs: number;
	/** Waited before earlier retries of this request. */
	waitedMs: number;
	timeoutMs: number;
	settings: RetrySettings;
}

/**
 * Whether a retry stays within the request's time limits: all its waits within `maxTotalWaitMs`,
 * and, after an attempt that got no answer (a silent server costs a whole timeout per attempt),
 * the retry's end at the timeout within `maxRequestMs`.
 */
export function retryFitsDeadline(outcome: AttemptOutcome, timing: RetryTiming): boolean {
	if (timing.waitedMs + timing.delayMs > timing.settings.maxTotalWaitMs) return false;
	if (outcome.kind === 'response') return true;
	return timing.elapsedMs + timing.delayMs + timing.timeoutMs <= timing.settings.maxRequestMs;
}
