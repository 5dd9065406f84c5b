/** The benchmark's pure helpers (scripts/bench/stats.ts). No timings are asserted here. */
import {
	linearityRatio,
	median,
	mergeLogWindow,
	minimumPageRequests,
	msUntilNextMinute,
	procStatusKb,
	quantile,
	steadyRate,
	type LogEntry,
} from '../../scripts/bench/stats';
import { benchmarkJson, type Results } from '../../scripts/bench/report';

function entry(index: number, status = 200): LogEntry {
	return { time: new Date(1_700_000_000_000 + index * 20).toISOString(), method: 'GET', path: `/api/order/${index}`, status, durationMs: 200 };
}

describe('quantiles', () => {
	it('interpolates between ranks', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([1, 2, 3, 4])).toBe(2.5);
		expect(quantile([0, 10], 0.9)).toBe(9);
		expect(Number.isNaN(median([]))).toBe(true);
	});
});

describe('steadyRate', () => {
	it('measures the rate between the 5th and 95th percentile, ignoring ramp-up and tail', () => {
		// 1000 events, one every 20 ms (3000/min), plus a slow tail of 10 events a second apart
		const times = Array.from({ length: 1000 }, (_, i) => i * 20);
		for (let i = 1; i <= 10; i++) times.push(20_000 + i * 1000);
		const rate = steadyRate(times)!;
		expect(rate.perMinute).toBeGreaterThan(2990);
		expect(rate.perMinute).toBeLessThan(3010);
	});

	it('needs enough events and a positive span', () => {
		expect(steadyRate([1, 2, 3])).toBeUndefined();
		expect(steadyRate(new Array(50).fill(5))).toBeUndefined();
	});
});

describe('mergeLogWindow', () => {
	it('appends only what follows the last entry already seen', () => {
		const seen: LogEntry[] = [];
		expect(mergeLogWindow(seen, [entry(0), entry(1), entry(2)])).toEqual({ added: 3, overlapped: true });
		expect(mergeLogWindow(seen, [entry(1), entry(2), entry(3), entry(4)])).toEqual({ added: 2, overlapped: true });
		expect(seen.map((e) => e.path)).toEqual([0, 1, 2, 3, 4].map((i) => `/api/order/${i}`));
	});

	it('reports a gap when the windows do not overlap', () => {
		const seen = [entry(0)];
		expect(mergeLogWindow(seen, [entry(5), entry(6)])).toEqual({ added: 2, overlapped: false });
	});

	it('tells a 429 from a 200 on the same path and time', () => {
		const seen = [entry(1, 429)];
		expect(mergeLogWindow(seen, [entry(1, 429), entry(1, 200)]).added).toBe(1);
	});
});

describe('small figures', () => {
	it('minimum page requests', () => {
		expect(minimumPageRequests(20_000, 100)).toBe(200);
		expect(minimumPageRequests(20_001, 100)).toBe(201);
		expect(minimumPageRequests(0, 100)).toBe(1);
	});

	it('linearity: 1 when seconds grow with orders, below 1 when fixed costs amortise', () => {
		expect(linearityRatio([{ orders: 5000, seconds: 5 }, { orders: 20_000, seconds: 20 }])).toBeCloseTo(1);
		expect(linearityRatio([{ orders: 5000, seconds: 6 }, { orders: 20_000, seconds: 21 }])).toBeLessThan(1);
		expect(linearityRatio([{ orders: 5000, seconds: 5 }])).toBeUndefined();
	});

	it('reads /proc status fields', () => {
		const status = 'Name:\tnode\nVmHWM:\t  812345 kB\nVmRSS:\t  654321 kB\n';
		expect(procStatusKb(status, 'VmRSS')).toBe(654321);
		expect(procStatusKb(status, 'VmHWM')).toBe(812345);
		expect(procStatusKb(status, 'VmSwap')).toBeUndefined();
	});

	it('time to the next calendar minute', () => {
		expect(msUntilNextMinute(Date.UTC(2026, 0, 1, 12, 0, 59, 500))).toBe(500);
		expect(msUntilNextMinute(Date.UTC(2026, 0, 1, 12, 0, 0, 0), 1000)).toBe(61_000);
	});
});

describe('benchmarks.json', () => {
	it('has exactly the agreed keys, null where a section did not run', () => {
		const json = benchmarkJson({ meta: {} as Results['meta'], errors: {} });
		expect(Object.keys(json)).toEqual(['rateLimit', 'latency', 'upload', 'listing', 'signing', 'postbacks', 'download']);
		expect(Object.keys(json.rateLimit)).toEqual(['successShare', 'shareOfLimit', 'share429', 'vsHttpRequestBatched', 'httpRequestDefaultFailedShare']);
		expect(Object.keys(json.latency)).toEqual(['ratioToBound', 'httpRequestSeconds', 'oursSeconds']);
		expect(Object.keys(json.upload)).toEqual(['rssGrowthMiB', 'hashMatch']);
		expect(Object.keys(json.listing)).toEqual(['pageRequests', 'minimumPageRequests', 'seconds5k', 'seconds10k', 'seconds20k']);
		expect(Object.keys(json.signing)).toEqual(['medianMicroseconds']);
		expect(Object.keys(json.postbacks)).toEqual(['vsWebhookNode']);
		expect(Object.keys(json.download)).toEqual(['rssGrowthMiB', 'hashMatch']);
		expect(json.download).toEqual({ rssGrowthMiB: null, hashMatch: null });
		expect(json.rateLimit.successShare).toBeNull();
		expect(json.upload.hashMatch).toBeNull();
	});

	it('computes the ratios from the runs', () => {
		const run = (steadyPerMinute: number, ok: number, errors: number, r429: number, requests: number) => ({
			label: '',
			items: ok + errors,
			okItems: ok,
			errorItems: errors,
			requests,
			byStatus: { '200': requests - r429, '429': r429 },
			steadyPerMinute,
			steadyWindowSeconds: 100,
			nodeSeconds: 120,
			perMinute: [],
			logGaps: 0,
		});
		const json = benchmarkJson({
			meta: {} as Results['meta'],
			errors: {},
			rateLimit: {
				limitPerMinute: 3000,
				latencyMs: 200,
				ours: run(2880, 6000, 0, 0, 6000),
				httpDefault: run(0, 3000, 3000, 3000, 6000),
				httpBatched: run(2950, 5990, 10, 10, 6000),
			},
			latency: { items: 1000, latencyMs: 200, concurrency: 10, boundSeconds: 20, ours: { ...run(0, 1000, 0, 0, 1000), nodeSeconds: 21 } },
			postbacks: {
				connections: 4,
				rounds: 4,
				ours: { sent: 2000, failed: 0, seconds: 10, perSecond: 200, statuses: {} },
				webhook: { sent: 2000, failed: 0, seconds: 8, perSecond: 250, statuses: {} },
			},
		});
		expect(json.rateLimit).toEqual({
			successShare: 1,
			shareOfLimit: 0.96,
			share429: 0,
			vsHttpRequestBatched: 0.976,
			httpRequestDefaultFailedShare: 0.5,
		});
		expect(json.latency.ratioToBound).toBe(1.05);
		expect(json.postbacks.vsWebhookNode).toBe(0.8);
	});
});
