/**
 * Fault knobs a test turns on to see how a client copes (latency, throttling, 5xx, dropped
 * connections, slow answers), and the production-like rate limit: a fixed window per calendar
 * minute per key or token (docs/printos-api.md#rate-limit: 3000 requests/minute, 429 until the next minute).
 *
 * `failNext`, `dropBeforeProcessing`, `dropAfterProcessing` and `slow` apply to API requests, and
 * to upload PUTs (`/_uploads/...`) only when their `match.path` is given and matches the upload's
 * path, so a knob meant for the API is never used up by an upload.
 */
import { HttpError, isObject } from './http';

export interface FaultMatch {
	method?: string;
	/** A prefix of the request's pathname, e.g. `/api/order`. */
	path?: string;
	/**
	 * The front door, e.g. `orderService`: the order service's `/api/order` and the Site Flow API's
	 * are the same path on different ports.
	 */
	family?: string;
}

export interface FaultState {
	latencyMs: number;
	/**
	 * `headers: false` leaves out X-RateLimit-Limit and X-RateLimit-Remaining (PrintOS's own header
	 * names are not known, docs/printos-api.md#rate-limit), so a client must learn from 429s and
	 * Retry-After alone; Retry-After is sent either way.
	 */
	rateLimit: { perMinute: number; headers: boolean };
	/** `retryAfterSeconds` (default 1) is sent as Retry-After when `status` is 429. */
	failNext: { count: number; status: number; match?: FaultMatch; retryAfterSeconds?: number } | null;
	/** The request is read, then its connection destroyed before anything is done with it. */
	dropBeforeProcessing: { count: number; match?: FaultMatch } | null;
	/** The request is processed (an order is created, an upload stored), then its connection destroyed. */
	dropAfterProcessing: { count: number; match?: FaultMatch } | null;
	slow: { count: number; ms: number; match?: FaultMatch } | null;
	/** Download GETs (`/_downloads/...`, `/_generated/...`) send `afterBytes` bytes, then the connection is cut. */
	breakDownload: { count: number; afterBytes: number; match?: FaultMatch } | null;
	/**
	 * Download GETs are answered gzip-encoded (`Content-Encoding: gzip`, Content-Length of the encoded
	 * bytes), as storage answers for an object kept with that encoding. With `breakDownload`, its
	 * `afterBytes` counts encoded bytes.
	 */
	gzipDownload: { count: number; match?: FaultMatch } | null;
}

/** Which door a request came through: the API, or an upload URL. */
export type FaultScope = 'api' | 'upload';

/** What `failNext` does to a request it applies to. */
export interface InjectedFailure {
	status: number;
	headers: Record<string, string>;
}

const DEFAULT_RETRY_AFTER_SECONDS = 1;

const FAULT_MESSAGES: Record<number, string> = {
	429: 'Too Many Requests (injected by the sandbox)',
	500: 'Internal Server Error (injected by the sandbox)',
	503: 'Service Unavailable (injected by the sandbox)',
};

/** The error message of a `failNext` answer. */
export function faultMessage(status: number): string {
	return FAULT_MESSAGES[status] ?? 'Error injected by the sandbox';
}

export const DROPPED_BEFORE_PROCESSING = 'connection dropped before processing (injected by the sandbox)';

export interface RateDecision {
	limited: boolean;
	headers: Record<string, string>;
}

function nonNegative(value: unknown, name: string): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0) throw new HttpError(400, `${name} must be a number ≥ 0`);
	return Math.floor(number);
}

function match(value: unknown, name: string): FaultMatch | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw new HttpError(400, `${name}.match must be {method?, path?, family?}`);
	return {
		...(value.method ? { method: String(value.method).toUpperCase() } : {}),
		...(value.path ? { path: String(value.path) } : {}),
		...(value.family ? { family: String(value.family) } : {}),
	};
}

function matches(rule: { match?: FaultMatch }, method: string, pathname: string, scope: FaultScope, family?: string): boolean {
	if (scope === 'upload' && !rule.match?.path) return false;
	if (!rule.match) return true;
	if (rule.match.method && rule.match.method !== method) return false;
	if (rule.match.path && !pathname.startsWith(rule.match.path)) return false;
	if (rule.match.family && rule.match.family !== family) return false;
	return true;
}

function dropRule(value: unknown, name: string): { count: number; match?: FaultMatch } | null {
	if (value === null) return null;
	if (!isObject(value)) throw new HttpError(400, `${name} must be {count, match?}`);
	return { count: nonNegative(value.count ?? 1, `${name}.count`), match: match(value.match, name) };
}

export class Faults {
	state: FaultState;
	private windows = new Map<string, { minute: number; count: number }>();

	constructor(private readonly defaultPerMinute: number) {
		this.state = this.initial();
	}

	private initial(): FaultState {
		return {
			latencyMs: 0,
			rateLimit: { perMinute: this.defaultPerMinute, headers: true },
			failNext: null,
			dropBeforeProcessing: null,
			dropAfterProcessing: null,
			slow: null,
			breakDownload: null,
			gzipDownload: null,
		};
	}

	/** Knobs given replace those knobs; knobs not given stay. `null` turns one off. */
	merge(input: unknown): FaultState {
		if (!isObject(input)) throw new HttpError(400, 'Faults are a JSON object');
		const next: FaultState = { ...this.state };
		if ('latencyMs' in input) next.latencyMs = input.latencyMs === null ? 0 : nonNegative(input.latencyMs, 'latencyMs');
		if ('rateLimit' in input) {
			const perMinute = isObject(input.rateLimit) ? input.rateLimit.perMinute : input.rateLimit;
			const headers = isObject(input.rateLimit) && input.rateLimit.headers !== undefined ? input.rateLimit.headers : true;
			if (typeof headers !== 'boolean') throw new HttpError(400, 'rateLimit.headers must be true or false');
			next.rateLimit = { perMinute: perMinute === null ? 0 : nonNegative(perMinute, 'rateLimit.perMinute'), headers };
		}
		if ('failNext' in input) {
			const rule = input.failNext;
			if (rule === null) next.failNext = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'failNext must be {count, status, match?, retryAfterSeconds?}');
				const status = Number(rule.status ?? 500);
				if (!Number.isInteger(status) || status < 400 || status > 599) throw new HttpError(400, 'failNext.status must be an HTTP error status (e.g. 500 or 503)');
				next.failNext = { count: nonNegative(rule.count ?? 1, 'failNext.count'), status, match: match(rule.match, 'failNext') };
				if (status === 429) {
					next.failNext.retryAfterSeconds = nonNegative(rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, 'failNext.retryAfterSeconds');
				} else if (rule.retryAfterSeconds !== undefined && rule.retryAfterSeconds !== null) {
					throw new HttpError(400, 'failNext.retryAfterSeconds is only sent with status 429');
				}
			}
		}
		if ('dropBeforeProcessing' in input) next.dropBeforeProcessing = dropRule(input.dropBeforeProcessing, 'dropBeforeProcessing');
		if ('dropAfterProcessing' in input) next.dropAfterProcessing = dropRule(input.dropAfterProcessing, 'dropAfterProcessing');
		if ('slow' in input) {
			const rule = input.slow;
			if (rule === null) next.slow = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'slow must be {count, ms, match?}');
				next.slow = { count: nonNegative(rule.count ?? 1, 'slow.count'), ms: nonNegative(rule.ms ?? 0, 'slow.ms'), match: match(rule.match, 'slow') };
			}
		}
		if ('breakDownload' in input) {
			const rule = input.breakDownload;
			if (rule === null) next.breakDownload = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'breakDownload must be {count, afterBytes, match?}');
				next.breakDownload = { count: nonNegative(rule.count ?? 1, 'breakDownload.count'), afterBytes: nonNegative(rule.afterBytes ?? 0, 'breakDownload.afterBytes'), match: match(rule.match, 'breakDownload') };
			}
		}
		if ('gzipDownload' in input) {
			const rule = input.gzipDownload;
			if (rule === null) next.gzipDownload = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'gzipDownload must be {count, match?}');
				next.gzipDownload = { count: nonNegative(rule.count ?? 1, 'gzipDownload.count'), match: match(rule.match, 'gzipDownload') };
			}
		}
		this.state = next;
		return this.state;
	}

	/** Back to no faults and the configured rate limit. */
	clear(): FaultState {
		this.state = this.initial();
		this.windows.clear();
		return this.state;
	}

	takeFailNext(method: string, pathname: string, scope: FaultScope = 'api', family?: string): InjectedFailure | undefined {
		const rule = this.state.failNext;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname, scope, family)) return undefined;
		rule.count--;
		const headers: Record<string, string> = {};
		if (rule.status === 429) headers['Retry-After'] = String(rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
		return { status: rule.status, headers };
	}

	takeDropBefore(method: string, pathname: string, scope: FaultScope = 'api', family?: string): boolean {
		const rule = this.state.dropBeforeProcessing;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname, scope, family)) return false;
		rule.count--;
		return true;
	}

	takeDrop(method: string, pathname: string, scope: FaultScope = 'api', family?: string): boolean {
		const rule = this.state.dropAfterProcessing;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname, scope, family)) return false;
		rule.count--;
		return true;
	}

	takeSlow(method: string, pathname: string, scope: FaultScope = 'api', family?: string): number {
		const rule = this.state.slow;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname, scope, family)) return 0;
		rule.count--;
		return rule.ms;
	}

	/** How many bytes a download may send before its connection is cut, or undefined to send it whole. */
	takeBrokenDownload(pathname: string): number | undefined {
		const rule = this.state.breakDownload;
		if (!rule || rule.count <= 0 || (rule.match?.path && !pathname.startsWith(rule.match.path))) return undefined;
		rule.count--;
		return rule.afterBytes;
	}

	/** Whether this download is answered gzip-encoded. */
	takeGzipDownload(pathname: string): boolean {
		const rule = this.state.gzipDownload;
		if (!rule || rule.count <= 0 || (rule.match?.path && !pathname.startsWith(rule.match.path))) return false;
		rule.count--;
		return true;
	}

	/** Counts one request for `credential` in the current calendar minute (real time). */
	rate(credential: string, nowMs: number = Date.now()): RateDecision {
		const limit = this.state.rateLimit.perMinute;
		if (!limit) return { limited: false, headers: {} };
		const minute = Math.floor(nowMs / 60_000);
		let window = this.windows.get(credential);
		if (!window || window.minute !== minute) this.windows.set(credential, (window = { minute, count: 0 }));
		window.count++;
		const limited = window.count > limit;
		const headers: Record<string, string> = this.state.rateLimit.headers
			? { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)) }
			: {};
		if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil(((minute + 1) * 60_000 - nowMs) / 1000)));
		return { limited, headers };
	}
}
