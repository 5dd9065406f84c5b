/** The queue section's figures from the sandbox's log (scripts/bench/queueThroughput.ts). No timings are asserted here. */
import type { Execution } from '../../scripts/bench/n8nRun';
import { replaceMarkdownSection } from '../../scripts/bench/docsSection';
import { queueFigures } from '../../scripts/bench/queueThroughput';
import type { SandboxStats } from '../../scripts/bench/sandboxLog';
import type { LogEntry } from '../../scripts/bench/stats';
import { NODE } from '../../scripts/bench/workflows';

const MINUTE_START = Date.UTC(2026, 0, 1, 12, 0, 0);

function execution(id: string, ok: number, failed = 0): Execution {
	const items = [...Array.from({ length: ok }, () => ({ json: { _id: 'x' } })), ...Array.from({ length: failed }, () => ({ json: { error: { message: 'Too Many Requests' } } }))];
	return { id, status: 'success', stoppedAt: 'x', data: { resultData: { runData: { [NODE.ours]: [{ data: { main: [items] } }] } } } };
}

function get(id: string, atMs: number, status = 200): LogEntry {
	return { time: new Date(atMs).toISOString(), method: 'GET', path: `/api/order/${id}`, status, durationMs: 200 };
}

function stats(entries: LogEntry[]): SandboxStats {
	const byStatus: Record<string, number> = {};
	for (const e of entries) byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
	return { requests: entries.length, byStatus, throttled: byStatus['429'] ?? 0, faultsInjected: 0, perMinute: [] };
}

/** `perRun` successful requests per run, spread evenly over `[fromMs, toMs)`, runs interleaved. */
function spread(ids: string[][], fromMs: number, toMs: number, perRun: number[]): LogEntry[] {
	const entries: LogEntry[] = [];
	ids.forEach((runIds, run) => {
		for (let index = 0; index < perRun[run]; index++) entries.push(get(runIds[index], fromMs + ((toMs - fromMs) * index) / perRun[run]));
	});
	return entries.sort((a, b) => a.time.localeCompare(b.time));
}

const options = { limitPerMinute: 300, itemsPerWorker: 200, workers: 3 };
const ids = [0, 1, 2].map((run) => Array.from({ length: 200 }, (_, index) => `run${run}-${index}`));

describe('queueFigures', () => {
	it('counts successes over whole calendar minutes, 429s over all requests, and each worker\'s share while all were sending', () => {
		// minute 0: the window's 300 filled, then 6 refused; minute 1: 300 more; minute 2: the last 0 (run ends in minute 1)
		const first = spread(ids, MINUTE_START + 1000, MINUTE_START + 30_000, [100, 100, 100]);
		const refused = [get('run0-150', MINUTE_START + 31_000, 429), get('run1-150', MINUTE_START + 31_500, 429)];
		const second = spread(
			ids.map((runIds) => runIds.slice(100)),
			MINUTE_START + 60_500,
			MINUTE_START + 90_000,
			[100, 100, 100],
		);
		const entries = [...first, ...refused, ...second];
		const runs = [0, 1, 2].map((run) => ({ execution: execution(String(run + 10), 200), worker: run, ids: ids[run] }));
		const figures = queueFigures(runs, entries, stats(entries), options);
		// only minute 0 is complete: 300 of 300
		expect(figures.shareOfLimit).toBe(1);
		expect(figures.share429).toBe(Math.round((2 / 602) * 10_000) / 10_000);
		expect(figures.successShare).toBe(1);
		expect(figures.minWorkerShare).toBeCloseTo(1 / 3, 2);
		expect(figures.maxWorkerShare).toBeCloseTo(1 / 3, 2);
		expect(figures.runs.map((r) => r.worker)).toEqual([1, 2, 3]);
	});

	it('shows a worker that got little of the account, and one that ran nothing', () => {
		const entries = spread(ids, MINUTE_START + 1000, MINUTE_START + 50_000, [200, 50, 200]);
		// worker 3 ran no execution: the first worker ran two
		const runs = [
			{ execution: execution('1', 200), worker: 0, ids: ids[0] },
			{ execution: execution('2', 150, 50), worker: 1, ids: ids[1] },
			{ execution: execution('3', 200), worker: 0, ids: ids[2] },
		];
		const figures = queueFigures(runs, entries, stats(entries), options);
		expect(figures.minWorkerShare).toBe(0);
		expect(figures.maxWorkerShare).toBeGreaterThan(0.8);
		expect(figures.successShare).toBe(Math.round((550 / 600) * 10_000) / 10_000);
		expect(figures.runs[1].firstError).toBe('Too Many Requests');
		// the run ends in its first minute: no complete minute to measure
		expect(figures.shareOfLimit).toBeNull();
	});

	it('uneven shares inside the overlap show up even when every run finishes', () => {
		// all three send in the same 40 s, run 1 at a quarter of the others' rate
		const entries = spread(ids, MINUTE_START + 1000, MINUTE_START + 41_000, [200, 50, 200]);
		const runs = [0, 1, 2].map((run) => ({ execution: execution(String(run), 200), worker: run, ids: ids[run] }));
		const figures = queueFigures(runs, entries, stats(entries), options);
		expect(figures.maxWorkerShare! / figures.minWorkerShare!).toBeGreaterThan(3);
	});
});

describe('replaceMarkdownSection', () => {
	const md = '# Benchmarks\n\nintro\n\n## Latency sweep\n\nsweep table\n\n## Queue mode\n\nold figures\n';

	it('replaces its own section and keeps the ones before and after', () => {
		const swapped = replaceMarkdownSection(md, '## Latency sweep', '## Latency sweep\n\nnew table');
		expect(swapped).toBe('# Benchmarks\n\nintro\n\n## Latency sweep\n\nnew table\n\n## Queue mode\n\nold figures\n');
		expect(replaceMarkdownSection(md, '## Queue mode', '## Queue mode\n\nnew figures\n')).toBe('# Benchmarks\n\nintro\n\n## Latency sweep\n\nsweep table\n\n## Queue mode\n\nnew figures\n');
	});

	it('appends a section the file does not have yet', () => {
		expect(replaceMarkdownSection(md, '## Other', '## Other\n\ntext')).toBe(`${md}\n## Other\n\ntext\n`);
	});
});
