/**
 * What the sandbox received, for tests and benchmarks to inspect: a bounded log of API requests and
 * upload PUTs (never the two signature headers, never an upload URL's signature) and running totals
 * of everything logged, per status and per minute.
 */
import type { IncomingHttpHeaders } from 'http';

import type { Family, Scheme } from './types';

export interface RequestEntry {
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	status: number;
	dropped?: boolean;
	scheme: Scheme | null;
	family: Family | null;
	credential: string | null;
	durationMs: number;
	/** On API answers: the injected delay (`latencyMs` plus any `slow` fault) the answer waited out. */
	delayMs?: number;
	headers: Record<string, string | string[] | undefined>;
	error?: string;
	/** Set on upload PUTs to `/_uploads/...` only; `path` is then the upload's path, without its signature. */
	upload?: UploadDetails;
	/** Set on download GETs (`/_downloads/...`, `/_generated/...`) only. */
	download?: DownloadDetails;
}

export interface DownloadDetails {
	/** Whether the GET carried any PrintOS signing header; a presigned URL needs none. */
	hmacHeaders: boolean;
	bytesSent: number;
	/** The `breakDownload` fault cut it off. */
	broken: boolean;
	/** Set when the `gzipDownload` fault encoded the answer; `bytesSent` then counts encoded bytes. */
	encoding?: 'gzip';
}

export interface UploadDetails {
	/** The Content-Length header as sent, or null without one. */
	contentLength: number | null;
	contentType: string | null;
	/** Whether the PUT carried any PrintOS signing header (`x-hp-hmac-*`, `x-oneflow-*`); a presigned URL needs none. */
	hmacHeaders: boolean;
	/** Body bytes the sandbox read before answering (or dropping the connection). */
	bytesReceived: number;
}

const SECRET_HEADERS = new Set(['x-hp-hmac-authentication', 'x-oneflow-authorization']);

/** The header names of both PrintOS signing schemes. */
export function hasSigningHeaders(headers: IncomingHttpHeaders): boolean {
	return Object.keys(headers).some((name) => name.startsWith('x-hp-hmac-') || name.startsWith('x-oneflow-'));
}
const MINUTES_KEPT = 120;

export function loggableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[] | undefined> {
	const out: Record<string, string | string[] | undefined> = {};
	for (const [name, value] of Object.entries(headers)) if (!SECRET_HEADERS.has(name)) out[name] = value;
	return out;
}

export class RequestLog {
	private entries: RequestEntry[] = [];
	private totals = this.emptyTotals();
	/** Answers waiting out an injected delay right now (not a total: clearing the log keeps it). */
	private delaying = 0;
	/** Ends each injected delay still running, so a closed sandbox leaves no timer behind. */
	private readonly delayEnds = new Set<() => void>();
	/** The CLI prints each request as it is recorded. */
	onRecord?: (entry: RequestEntry) => void;

	constructor(private readonly limit: number) {}

	private emptyTotals() {
		return {
			requests: 0,
			byStatus: {} as Record<string, number>,
			throttled: 0,
			faultsInjected: 0,
			perMinute: new Map<number, { requests: number; throttled: number }>(),
		};
	}

	record(entry: RequestEntry): void {
		this.onRecord?.(entry);
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		const totals = this.totals;
		totals.requests++;
		const key = entry.dropped ? 'dropped' : String(entry.status);
		totals.byStatus[key] = (totals.byStatus[key] ?? 0) + 1;
		const minute = Math.floor(Date.parse(entry.time) / 60_000);
		let bucket = totals.perMinute.get(minute);
		if (!bucket) {
			totals.perMinute.set(minute, (bucket = { requests: 0, throttled: 0 }));
			for (const old of totals.perMinute.keys()) if (old <= minute - MINUTES_KEPT) totals.perMinute.delete(old);
		}
		bucket.requests++;
		if (entry.status === 429) {
			totals.throttled++;
			bucket.throttled++;
		}
	}

	/** Waits out an injected delay before an answer, counted in `stats().delaying` meanwhile. */
	async delayAnswer(ms: number): Promise<void> {
		if (ms <= 0) return;
		this.delaying++;
		try {
			await new Promise<void>((resolve) => {
				const end = () => {
					clearTimeout(timer);
					this.delayEnds.delete(end);
					resolve();
				};
				const timer = setTimeout(end, ms);
				this.delayEnds.add(end);
			});
		} finally {
			this.delaying--;
		}
	}

	/**
	 * Ends every injected delay now. The sandbox closes its connections first, so the held answers
	 * go nowhere; without this their timers would keep the process alive for up to the delay after
	 * the sandbox closed.
	 */
	endDelays(): void {
		for (const end of [...this.delayEnds]) end();
	}

	faultInjected(): void {
		this.totals.faultsInjected++;
	}

	/** The newest `limit` entries, oldest first. */
	list(limit = 100): RequestEntry[] {
		const count = Math.max(0, Math.min(Math.floor(limit) || 0, this.entries.length));
		return count === 0 ? [] : this.entries.slice(-count);
	}

	get size(): number {
		return this.entries.length;
	}

	clear(): void {
		this.entries = [];
		this.totals = this.emptyTotals();
	}

	stats() {
		const totals = this.totals;
		return {
			requests: totals.requests,
			byStatus: { ...totals.byStatus },
			throttled: totals.throttled,
			faultsInjected: totals.faultsInjected,
			delaying: this.delaying,
			perMinute: [...totals.perMinute.entries()]
				.sort(([a], [b]) => a - b)
				.map(([minute, bucket]) => ({ minute: new Date(minute * 60_000).toISOString(), ...bucket })),
		};
	}
}
