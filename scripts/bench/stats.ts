/**
 * Pure helpers of the benchmark: quantiles, the steady request rate seen by the sandbox, the
 * request-log merge, and the figures' rounding. No I/O here, so test/bench can check them.
 */

export function median(values: number[]): number {
	return quantile(values, 0.5);
}

/** Linear interpolation between the closest ranks (the common "type 7" quantile). */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
	const lower = Math.floor(position);
	const upper = Math.ceil(position);
	return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export interface SteadyRate {
	/** Events per minute between the two quantile timestamps. */
	perMinute: number;
	/** The window the rate was measured over, in ms since the epoch. */
	fromMs: number;
	toMs: number;
	/** Events inside the window. */
	events: number;
}

/**
 * The rate of the steady part of a run: events between the `low` and `high` quantile of their
 * timestamps, divided by that span. Ramp-up and the tail (the last, partly filled batch of
 * in-flight requests) fall outside it.
 */
export function steadyRate(timesMs: number[], low = 0.05, high = 0.95): SteadyRate | undefined {
	if (timesMs.length < 20) return undefined;
	const sorted = [...timesMs].sort((a, b) => a - b);
	const first = Math.floor(low * (sorted.length - 1));
	const last = Math.ceil(high * (sorted.length - 1));
	const span = sorted[last] - sorted[first];
	if (span <= 0) return undefined;
	const events = last - first;
	return { perMinute: (events / span) * 60_000, fromMs: sorted[first], toMs: sorted[last], events };
}

/** The part of the sandbox's request-log entry the benchmark reads. */
export interface LogEntry {
	time: string;
	method: string;
	path: string;
	status: number;
	durationMs: number;
	dropped?: boolean;
	query?: Record<string, string | string[]>;
}

export function entryKey(entry: LogEntry): string {
	return `${entry.time}|${entry.method}|${entry.path}|${entry.status}|${entry.durationMs}|${entry.dropped ? 1 : 0}`;
}

/**
 * Appends the entries of a newer window of the sandbox's bounded log (oldest first) that follow
 * what `seen` already holds. Returns whether the windows overlapped (false = entries may be lost).
 */
export function mergeLogWindow(seen: LogEntry[], window: LogEntry[]): { added: number; overlapped: boolean } {
	if (seen.length === 0) {
		seen.push(...window);
		return { added: window.length, overlapped: true };
	}
	const lastKey = entryKey(seen[seen.length - 1]);
	for (let index = window.length - 1; index >= 0; index--) {
		if (entryKey(window[index]) === lastKey) {
			const fresh = window.slice(index + 1);
			seen.push(...fresh);
			return { added: fresh.length, overlapped: true };
		}
	}
	seen.push(...window);
	return { added: window.length, overlapped: false };
}

export function round(value: number | undefined | null, digits: number): number | null {
	if (value === undefined || value === null || !Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** `ceil(n / pageSize)`, at least one request (an empty list still takes one). */
export function minimumPageRequests(count: number, maxPageSize: number): number {
	return Math.max(1, Math.ceil(count / maxPageSize));
}

/**
 * How far the listing is from linear: seconds per 1,000 orders at the largest size divided by that
 * at the smallest. 1 is perfectly linear; below 1 means fixed costs are being amortised.
 */
export function linearityRatio(points: Array<{ orders: number; seconds: number }>): number | undefined {
	const valid = points.filter((p) => p.orders > 0 && Number.isFinite(p.seconds) && p.seconds > 0);
	if (valid.length < 2) return undefined;
	const sorted = [...valid].sort((a, b) => a.orders - b.orders);
	const small = sorted[0];
	const large = sorted[sorted.length - 1];
	return large.seconds / large.orders / (small.seconds / small.orders);
}

/** Kilobytes from a /proc status line ("VmRSS:   123456 kB"). */
export function procStatusKb(status: string, field: string): number | undefined {
	const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
	return match ? Number(match[1]) : undefined;
}

/** Milliseconds until the next calendar minute begins, plus `marginMs`. */
export function msUntilNextMinute(nowMs: number, marginMs = 0): number {
	return 60_000 - (nowMs % 60_000) + marginMs;
}
