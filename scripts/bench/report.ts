/**
 * The benchmark's results: one table (console and docs/benchmarks.md) and the figures in the
 * fixed shape of docs/benchmarks.json. The rest of docs/benchmarks.md is rendered in markdown.ts.
 */
import type { DownloadResult } from './download';
import { round } from './stats';
import type { SigningFigures } from './signing';

export interface Meta {
	date: string;
	command: string;
	n8nVersion: string;
	nodeRuntime: string;
	cpuModel: string;
	cores: number;
	ramGiB: number;
	os: string;
	commit: string;
	durationSeconds?: number;
	/** Set on what-if runs, e.g. "Items in Parallel 11"; undefined means our nodes' defaults. */
	variant?: string;
}

export interface GetRun {
	label: string;
	items: number;
	okItems: number;
	errorItems: number;
	requests: number;
	byStatus: Record<string, number>;
	/** Successful requests per minute over the steady part (sandbox request log). */
	steadyPerMinute: number | null;
	steadyWindowSeconds: number | null;
	nodeSeconds: number | null;
	perMinute: Array<{ minute: string; requests: number; throttled: number }>;
	logGaps: number;
	firstError?: string;
}

export interface RateLimitResult {
	limitPerMinute: number;
	latencyMs: number;
	ours: GetRun;
	httpDefault?: GetRun;
	httpBatched?: GetRun;
}

export interface LatencyResult {
	items: number;
	latencyMs: number;
	concurrency: number;
	boundSeconds: number;
	ours: GetRun;
	http?: GetRun;
}

export interface UploadRun {
	label: string;
	seconds: number | null;
	baselineMiB: number;
	peakMiB: number;
	growthMiB: number;
	hwmReset: boolean;
	storedSha256?: string | null;
	storedSize?: number;
	hashMatch?: boolean;
	error?: string;
}

export interface UploadResult {
	sizeBytes: number;
	sha256: string;
	binaryMode: string;
	control: UploadRun;
	box: UploadRun;
	siteFlow: UploadRun;
}

export interface ListingPoint {
	orders: number;
	items: number;
	pageRequests: number;
	minimumPageRequests: number;
	seconds: number | null;
}

export interface ListingResult {
	maxPageSize: number;
	latencyMs: number;
	points: ListingPoint[];
	linearity: number | null;
}

export interface PostbackSide {
	sent: number;
	failed: number;
	seconds: number;
	perSecond: number;
	statuses: Record<string, number>;
	/** CPU time of the n8n server per postback, its execution included (round plus drain). */
	cpuMsEach?: number;
}

export interface PostbackResult {
	connections: number;
	rounds: number;
	ours: PostbackSide;
	webhook: PostbackSide;
}

export interface Results {
	meta: Meta;
	signing?: SigningFigures[];
	upload?: UploadResult;
	listing?: ListingResult;
	latency?: LatencyResult;
	rateLimit?: RateLimitResult;
	postbacks?: PostbackResult;
	download?: DownloadResult;
	errors: Record<string, string>;
}

export const TARGETS = {
	successShare: 1,
	shareOfLimit: 0.9,
	share429: 0.01,
	vsHttpRequestBatched: 0.95,
	ratioToBound: 1.25,
	rssGrowthMiB: 64,
	signingMicroseconds: 20,
	vsWebhookNode: 0.9,
	linearity: 1.25,
};

function share(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/** The figures of docs/benchmarks.json, in exactly the agreed shape. */
export function benchmarkJson(results: Results) {
	const rl = results.rateLimit;
	const ours = rl?.ours;
	const twenty = results.listing?.points.find((p) => p.orders === 20_000) ?? results.listing?.points.at(-1);
	const at = (orders: number) => round(results.listing?.points.find((p) => p.orders === orders)?.seconds, 2);
	const upload = results.upload;
	const uploadRuns = upload ? [upload.box, upload.siteFlow] : [];
	const signingMedian = results.signing?.length ? Math.max(...results.signing.map((s) => s.medianUs)) : undefined;
	return {
		rateLimit: {
			successShare: round(ours ? share(ours.okItems, ours.items) : null, 4),
			shareOfLimit: round(ours?.steadyPerMinute != null && rl ? ours.steadyPerMinute / rl.limitPerMinute : null, 4),
			share429: round(ours ? share(ours.byStatus['429'] ?? 0, ours.requests) : null, 4),
			vsHttpRequestBatched: round(
				ours?.steadyPerMinute != null && rl?.httpBatched?.steadyPerMinute ? ours.steadyPerMinute / rl.httpBatched.steadyPerMinute : null,
				3,
			),
			httpRequestDefaultFailedShare: round(rl?.httpDefault ? share(rl.httpDefault.errorItems, rl.httpDefault.items) : null, 4),
		},
		latency: {
			ratioToBound: round(
				results.latency?.ours.nodeSeconds != null ? results.latency.ours.nodeSeconds / results.latency.boundSeconds : null,
				3,
			),
			httpRequestSeconds: round(results.latency?.http?.nodeSeconds, 2),
			oursSeconds: round(results.latency?.ours.nodeSeconds, 2),
		},
		upload: {
			rssGrowthMiB: uploadRuns.length ? round(Math.max(...uploadRuns.map((r) => r.growthMiB)), 1) : null,
			hashMatch: uploadRuns.length ? uploadRuns.every((r) => r.hashMatch === true) : null,
		},
		listing: {
			pageRequests: twenty?.pageRequests ?? null,
			minimumPageRequests: twenty?.minimumPageRequests ?? null,
			seconds5k: at(5_000),
			seconds10k: at(10_000),
			seconds20k: at(20_000),
		},
		signing: { medianMicroseconds: round(signingMedian, 2) },
		postbacks: {
			vsWebhookNode: round(
				results.postbacks ? results.postbacks.ours.perSecond / results.postbacks.webhook.perSecond : null,
				3,
			),
		},
		download: {
			rssGrowthMiB: results.download ? Math.round(results.download.growthMiB * 10) / 10 : null,
			hashMatch: results.download ? results.download.hashMatch : null,
		},
	};
}

type Verdict = 'PASS' | 'FAIL' | 'n/a' | 'info';

export interface Row {
	section: string;
	measure: string;
	ours: string;
	beside: string;
	ratio: string;
	target: string;
	verdict: Verdict;
}

export const pct = (value: number | null | undefined, digits = 1) => (value == null ? '–' : `${(value * 100).toFixed(digits)} %`);
const num = (value: number | null | undefined, digits = 0, unit = '') => (value == null ? '–' : `${value.toFixed(digits)}${unit}`);
/** "1 GiB" for the full runs, "64 MiB" for --smoke. */
const sizeLabel = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(0)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);
function verdict(ok: boolean | null | undefined): Verdict {
	return ok == null ? 'n/a' : ok ? 'PASS' : 'FAIL';
}

export function tableRows(results: Results): Row[] {
	const json = benchmarkJson(results);
	const rows: Row[] = [];
	const rl = results.rateLimit;
	if (rl) {
		const s = `1. Rate limit (${rl.ours.items} × Get Order, ${rl.limitPerMinute}/min, ${rl.latencyMs} ms)`;
		rows.push({
			section: s,
			measure: 'items that succeeded',
			ours: `${rl.ours.okItems}/${rl.ours.items}`,
			beside: rl.httpDefault ? `HTTP Request defaults: ${rl.httpDefault.okItems}/${rl.httpDefault.items}` : '–',
			ratio: '',
			target: 'all',
			verdict: verdict(json.rateLimit.successShare == null ? null : json.rateLimit.successShare >= TARGETS.successShare),
		});
		rows.push({
			section: s,
			measure: 'steady throughput (successful req/min)',
			ours: num(rl.ours.steadyPerMinute),
			beside: rl.httpBatched ? `HTTP Request batched 50/1 s: ${num(rl.httpBatched.steadyPerMinute)}` : '–',
			ratio: json.rateLimit.vsHttpRequestBatched == null ? '–' : `${json.rateLimit.vsHttpRequestBatched.toFixed(3)}×`,
			target: `≥ ${TARGETS.vsHttpRequestBatched}× batched`,
			verdict: verdict(json.rateLimit.vsHttpRequestBatched == null ? null : json.rateLimit.vsHttpRequestBatched >= TARGETS.vsHttpRequestBatched),
		});
		rows.push({
			section: s,
			measure: 'share of the limit (shareOfLimit)',
			ours: pct(json.rateLimit.shareOfLimit),
			beside: rl.httpBatched?.steadyPerMinute != null ? `batched: ${pct(rl.httpBatched.steadyPerMinute / rl.limitPerMinute)}` : '–',
			ratio: '',
			target: `≥ ${pct(TARGETS.shareOfLimit, 0)}`,
			verdict: verdict(json.rateLimit.shareOfLimit == null ? null : json.rateLimit.shareOfLimit >= TARGETS.shareOfLimit),
		});
		rows.push({
			section: s,
			measure: 'requests answered 429 (share429)',
			ours: `${pct(json.rateLimit.share429, 2)} (${rl.ours.byStatus['429'] ?? 0}/${rl.ours.requests})`,
			beside: [
				rl.httpDefault ? `defaults: ${pct(share(rl.httpDefault.byStatus['429'] ?? 0, rl.httpDefault.requests))}` : '',
				rl.httpBatched ? `batched: ${pct(share(rl.httpBatched.byStatus['429'] ?? 0, rl.httpBatched.requests), 2)}` : '',
			]
				.filter(Boolean)
				.join('; ') || '–',
			ratio: '',
			target: `≤ ${pct(TARGETS.share429, 0)}`,
			verdict: verdict(json.rateLimit.share429 == null ? null : json.rateLimit.share429 <= TARGETS.share429),
		});
		rows.push({
			section: s,
			measure: 'HTTP Request defaults: items failed',
			ours: '',
			beside: pct(json.rateLimit.httpRequestDefaultFailedShare),
			ratio: '',
			target: '(reference)',
			verdict: 'info',
		});
		rows.push({
			section: s,
			measure: 'node execution time',
			ours: num(rl.ours.nodeSeconds, 1, ' s'),
			beside: [
				rl.httpDefault ? `defaults: ${num(rl.httpDefault.nodeSeconds, 1, ' s')}` : '',
				rl.httpBatched ? `batched: ${num(rl.httpBatched.nodeSeconds, 1, ' s')}` : '',
			]
				.filter(Boolean)
				.join('; ') || '–',
			ratio: '',
			target: '(reference)',
			verdict: 'info',
		});
	}
	const lat = results.latency;
	if (lat) {
		const s = `2. Latency (${lat.items} × Get Order, ${lat.latencyMs} ms, no limit)`;
		rows.push({
			section: s,
			measure: `node time vs items × latency / ${lat.concurrency} = ${lat.boundSeconds.toFixed(1)} s`,
			ours: num(lat.ours.nodeSeconds, 2, ' s'),
			beside: lat.http ? `HTTP Request defaults: ${num(lat.http.nodeSeconds, 2, ' s')}` : '–',
			ratio: json.latency.ratioToBound == null ? '–' : `${json.latency.ratioToBound.toFixed(3)}× bound`,
			target: `≤ ${TARGETS.ratioToBound}× bound`,
			verdict: verdict(
				json.latency.ratioToBound == null ? null : json.latency.ratioToBound <= TARGETS.ratioToBound && lat.ours.okItems === lat.items,
			),
		});
	}
	const up = results.upload;
	if (up) {
		const s = `3. Upload (${sizeLabel(up.sizeBytes)} PDF, ${up.binaryMode} binary mode)`;
		for (const run of [up.box, up.siteFlow]) {
			rows.push({
				section: s,
				measure: `${run.label}: peak RSS growth of the n8n server`,
				ours: `${run.growthMiB.toFixed(1)} MiB`,
				beside: `read-only control: ${up.control.growthMiB.toFixed(1)} MiB`,
				ratio: '',
				target: `≤ ${TARGETS.rssGrowthMiB} MiB`,
				verdict: run.error ? 'FAIL' : verdict(run.growthMiB <= TARGETS.rssGrowthMiB),
			});
			rows.push({
				section: s,
				measure: `${run.label}: SHA-256 of the stored bytes`,
				ours: run.hashMatch == null ? '–' : run.hashMatch ? 'match' : `MISMATCH (${run.storedSize ?? '?'} bytes)`,
				beside: `${num(run.seconds, 1, ' s')} node time`,
				ratio: '',
				target: 'match',
				verdict: verdict(run.hashMatch ?? false),
			});
		}
	}
	const list = results.listing;
	if (list) {
		const s = `4. Listing (Get Many, Return All, ${list.latencyMs} ms)`;
		for (const point of list.points) {
			rows.push({
				section: s,
				measure: `${point.orders.toLocaleString('en-US')} orders: page requests, node time`,
				ours: `${point.pageRequests} pages, ${num(point.seconds, 2, ' s')}`,
				beside: `minimum ${point.minimumPageRequests}`,
				ratio: point.seconds != null ? `${((point.seconds / point.orders) * 1000).toFixed(3)} s/1k` : '–',
				target: `pages = minimum${point.items !== point.orders ? `; got ${point.items} items` : ''}`,
				verdict: verdict(point.pageRequests === point.minimumPageRequests && point.items === point.orders),
			});
		}
		rows.push({
			section: s,
			measure: 'time linear in orders (s per 1k at largest ÷ at smallest)',
			ours: num(list.linearity, 3),
			beside: '',
			ratio: '',
			target: `≤ ${TARGETS.linearity}`,
			verdict: verdict(list.linearity == null ? null : list.linearity <= TARGETS.linearity),
		});
	}
	for (const sign of results.signing ?? []) {
		rows.push({
			section: '5. Signing (authenticate, in-process)',
			measure: `${sign.credential}: median per request`,
			ours: `${sign.medianUs.toFixed(2)} µs`,
			beside: `p90 ${sign.p90Us.toFixed(1)} µs, p99 ${sign.p99Us.toFixed(1)} µs, ${sign.samples.toLocaleString('en-US')} samples`,
			ratio: '',
			target: `< ${TARGETS.signingMicroseconds} µs`,
			verdict: verdict(sign.medianUs < TARGETS.signingMicroseconds),
		});
	}
	const pb = results.postbacks;
	if (pb) {
		rows.push({
			section: `6. Postbacks (${pb.ours.sent} each, ${pb.connections} connections)`,
			measure: 'postbacks per second, trigger → No Operation',
			ours: `${pb.ours.perSecond.toFixed(1)}/s`,
			beside:
				`Webhook node: ${pb.webhook.perSecond.toFixed(1)}/s` +
				(pb.ours.cpuMsEach != null && pb.webhook.cpuMsEach != null
					? ` (n8n CPU per postback: ours ${pb.ours.cpuMsEach.toFixed(1)} ms, Webhook ${pb.webhook.cpuMsEach.toFixed(1)} ms)`
					: ''),
			ratio: json.postbacks.vsWebhookNode == null ? '–' : `${json.postbacks.vsWebhookNode.toFixed(3)}×`,
			target: `≥ ${TARGETS.vsWebhookNode}×, all 2xx`,
			verdict: verdict(
				json.postbacks.vsWebhookNode == null ? null : json.postbacks.vsWebhookNode >= TARGETS.vsWebhookNode && pb.ours.failed === 0,
			),
		});
	}
	const down = results.download;
	if (down) {
		const s = `7. Download (${sizeLabel(down.sizeBytes)} file, ${down.binaryMode} binary mode)`;
		rows.push({
			section: s,
			measure: `${down.label}: peak RSS growth of the n8n server`,
			ours: `${down.growthMiB.toFixed(1)} MiB`,
			beside: `baseline ${down.baselineMiB.toFixed(0)} MiB`,
			ratio: '',
			target: `≤ ${TARGETS.rssGrowthMiB} MiB`,
			verdict: down.error ? 'FAIL' : down.growthMiB <= TARGETS.rssGrowthMiB ? 'PASS' : 'FAIL',
		});
		rows.push({
			section: s,
			measure: `${down.label}: SHA-256 of the file in n8n's binary data`,
			ours: down.hashMatch ? 'match' : `MISMATCH (${down.storedSize ?? 'no'} bytes stored)`,
			beside: `${down.seconds == null || Number.isNaN(down.seconds) ? '–' : down.seconds.toFixed(1)} s node time`,
			ratio: '',
			target: 'match',
			verdict: down.hashMatch && !down.error ? 'PASS' : 'FAIL',
		});
	}
	return rows;
}

function headers(results: Results): string[] {
	return ['Benchmark', 'Measure', `Ours (${results.meta?.variant ? `WHAT-IF ${results.meta.variant}` : 'defaults'})`, 'Beside it, same run', 'Ratio', 'Target', 'Result'];
}

function cells(row: Row): string[] {
	return [row.section, row.measure, row.ours, row.beside, row.ratio, row.target, row.verdict];
}

export function consoleTable(results: Results): string {
	const HEADERS = headers(results);
	const rows = tableRows(results).map(cells);
	const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join(' | ');
	return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

export function markdownTable(results: Results): string {
	const escape = (v: string) => v.replace(/\|/g, '\\|');
	const HEADERS = headers(results);
	const rows = tableRows(results).map(cells);
	return [
		`| ${HEADERS.join(' | ')} |`,
		`| ${HEADERS.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
	].join('\n');
}

export function verdicts(results: Results): { pass: number; fail: number } {
	const rows = tableRows(results);
	return { pass: rows.filter((r) => r.verdict === 'PASS').length, fail: rows.filter((r) => r.verdict === 'FAIL').length };
}
