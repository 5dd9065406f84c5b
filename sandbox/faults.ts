/**
 * Fault knobs a test turns on to see how a client copes (latency, throttling, 5xx, dropped
 * connections, slow answers), and the production-like rate limit: a fixed window per calendar
 * minute per key or token (spec §3.8: 3000 requests/minute, 429 until the next minute).
 */
import { HttpError, isObject } from './http';

export interface FaultMatch {
	method?: string;
	/** A prefix of the request's pathname, e.g. `/api/order`. */
	path?: string;
}

export interface FaultState {
	latencyMs: number;
	rateLimit: { perMinute: number };
	failNext: { count: number; status: number; match?: FaultMatch } | null;
	dropAfterProcessing: { count: number; match?: FaultMatch } | null;
	slow: { count: number; ms: number } | null;
}

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
	if (!isObject(value)) throw new HttpError(400, `${name}.match must be {method?, path?}`);
	return {
		...(value.method ? { method: String(value.method).toUpperCase() } : {}),
		...(value.path ? { path: String(value.path) } : {}),
	};
}

function matches(rule: { match?: FaultMatch }, method: string, pathname: string): boolean {
	if (!rule.match) return true;
	if (rule.match.method && rule.match.method !== method) return false;
	if (rule.match.path && !pathname.startsWith(rule.match.path)) return false;
	return true;
}

export class Faults {
	state: FaultState;
	private windows = new Map<string, { minute: number; count: number }>();

	constructor(private readonly defaultPerMinute: number) {
		this.state = this.initial();
	}

	private initial(): FaultState {
		return { latencyMs: 0, rateLimit: { perMinute: this.defaultPerMinute }, failNext: null, dropAfterProcessing: null, slow: null };
	}

	/** Knobs given replace those knobs; knobs not given stay. `null` turns one off. */
	merge(input: unknown): FaultState {
		if (!isObject(input)) throw new HttpError(400, 'Faults are a JSON object');
		const next: FaultState = { ...this.state };
		if ('latencyMs' in input) next.latencyMs = input.latencyMs === null ? 0 : nonNegative(input.latencyMs, 'latencyMs');
		if ('rateLimit' in input) {
			const perMinute = isObject(input.rateLimit) ? input.rateLimit.perMinute : input.rateLimit;
			next.rateLimit = { perMinute: perMinute === null ? 0 : nonNegative(perMinute, 'rateLimit.perMinute') };
		}
		if ('failNext' in input) {
			const rule = input.failNext;
			if (rule === null) next.failNext = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'failNext must be {count, status, match?}');
				const status = Number(rule.status ?? 500);
				if (!Number.isInteger(status) || status < 400 || status > 599) throw new HttpError(400, 'failNext.status must be an HTTP error status (e.g. 500 or 503)');
				next.failNext = { count: nonNegative(rule.count ?? 1, 'failNext.count'), status, match: match(rule.match, 'failNext') };
			}
		}
		if ('dropAfterProcessing' in input) {
			const rule = input.dropAfterProcessing;
			if (rule === null) next.dropAfterProcessing = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'dropAfterProcessing must be {count, match?}');
				next.dropAfterProcessing = { count: nonNegative(rule.count ?? 1, 'dropAfterProcessing.count'), match: match(rule.match, 'dropAfterProcessing') };
			}
		}
		if ('slow' in input) {
			const rule = input.slow;
			if (rule === null) next.slow = null;
			else {
				if (!isObject(rule)) throw new HttpError(400, 'slow must be {count, ms}');
				next.slow = { count: nonNegative(rule.count ?? 1, 'slow.count'), ms: nonNegative(rule.ms ?? 0, 'slow.ms') };
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

	takeFailNext(method: string, pathname: string): number | undefined {
		const rule = this.state.failNext;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname)) return undefined;
		rule.count--;
		return rule.status;
	}

	takeDrop(method: string, pathname: string): boolean {
		const rule = this.state.dropAfterProcessing;
		if (!rule || rule.count <= 0 || !matches(rule, method, pathname)) return false;
		rule.count--;
		return true;
	}

	takeSlow(): number {
		const rule = this.state.slow;
		if (!rule || rule.count <= 0) return 0;
		rule.count--;
		return rule.ms;
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
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
		};
		if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil(((minute + 1) * 60_000 - nowMs) / 1000)));
		return { limited, headers };
	}
}
