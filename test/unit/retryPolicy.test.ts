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

describe('Retry-After', () => {
	it('reads whole and fractional seconds, with spaces around', () => {
		expect(parseRetryAfter('10')).toBe(10_000);
		expect(parseRetryAfter(' 7 ')).toBe(7000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		expect(parseRetryAfter('1.25')).toBe(1250);
		expect(parseRetryAfter('0')).toBe(0);
	});

	it('reads an HTTP date as the time left until it, never negative', () => {
		const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
	});

	it('ignores empty values, and never yields NaN, whatever the header says', () => {
		for (const value of ['', '  ', '7 seconds', 'soon']) expect(parseRetryAfter(value)).toBeUndefined();
		for (const value of ['in 7', 'abc 7', '7 seconds', '1.5.5', 'x1', '-5']) {
			const wait = parseRetryAfter(value);
			if (wait !== undefined) expect(wait).toBeGreaterThanOrEqual(0);
		}
	});

	it('adds up to 250 ms past the server moment on a 429, and jitter on top of the backoff', () => {
		const fullJitter = () => 1;
		expect(retryDelayMs({ kind: 'response', status: 429, retryAfterHeader: '2' }, 1, DEFAULT_RETRY_SETTINGS, fullJitter)).toBe(2250);
		expect(retryDelayMs({ kind: 'response', status: 429 }, 1, DEFAULT_RETRY_SETTINGS, fullJitter)).toBe(36_000 * 1.4);
		expect(retryDelayMs({ kind: 'response', status: 429, retryAfterHeader: '600' }, 1, DEFAULT_RETRY_SETTINGS, fullJitter)).toBe(60_000);
	});

	it('uses Retry-After only on a 429', () => {
		const noJitter = () => 0;
		expect(retryDelayMs({ kind: 'response', status: 503, retryAfterHeader: '30' }, 1, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(400);
		expect(retryDelayMs({ kind: 'networkError' }, 3, DEFAULT_RETRY_SETTINGS, noJitter)).toBe(1600);
	});
});
