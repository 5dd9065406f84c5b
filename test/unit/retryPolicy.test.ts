import { DEFAULT_RETRY_SETTINGS, defaultRetryMode, isRetryable, parseRetryAfter, retryDelayMs } from '../../nodes/PrintOs/transport/retryPolicy';

describe('retry policy', () => {
	it('retries 429 for every method, 5xx and network errors only for idempotent ones', () => {
		expect(isRetryable({ kind: 'response', status: 429 }, defaultRetryMode('POST'))).toBe(true);
		expect(isRetryable({ kind: 'response', status: 503 }, defaultRetryMode('POST'))).toBe(false);
		expect(isRetryable({ kind: 'networkError' }, defaultRetryMode('POST'))).toBe(false);
		for (const method of ['GET', 'PUT', 'DELETE'] as const) {
			expect(isRetryable({ kind: 'response', status: 503 }, defaultRetryMode(method))).toBe(true);
			expect(isRetryable({ kind: 'networkError' }, defaultRetryMode(method))).toBe(true);
		}
		expect(isRetryable({ kind: 'response', status: 404 }, 'idempotent')).toBe(false);
		expect(isRetryable({ kind: 'response', status: 400 }, 'idempotent')).toBe(false);
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('7')).toBe(7000);
		expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString(), Date.now())).toBeGreaterThan(1000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('follows Retry-After on 429 and grows exponentially without it, capped', () => {
		const noJitter = () => 0;
		expect(retryDelayMs({ kind: 'response', status: 429, retryAfterHeader: '2' }, 1, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(2000);
		expect(retryDelayMs({ kind: 'response', status: 429 }, 1, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(36_000);
		expect(retryDelayMs({ kind: 'response', status: 429 }, 3, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(60_000);
		expect(retryDelayMs({ kind: 'response', status: 503 }, 2, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(800);
		const jittered = retryDelayMs({ kind: 'response', status: 503 }, 2, DEFAULT_RETRY_SETTINGS, () => 1);
		expect(jittered).toBe(800 * 1.4);
	});
});
