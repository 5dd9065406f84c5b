/**
 * `npm run bench`: the nodes' performance at the ceiling PrintOS allows, inside a real n8n (server
 * process, production webhooks) against the PrintOS sandbox, measured side by side with what a user
 * would do instead (n8n's HTTP Request node, n8n's Webhook node) in the same run.
 *
 *   1. Rate limit   6,000 × Get Order at 3000/min and 200 ms: ours (defaults) vs HTTP Request
 *                   (defaults, and batching 50 per 1 s)
 *   2. Latency      1,000 × Get Order at 200 ms, no limit: ours vs items × latency / concurrency
 *   3. Upload       a 1 GiB PDF (filesystem binary mode) through Box Upload Binary and Site Flow
 *                   Order Artwork Upload: peak RSS growth of the n8n server, SHA-256 of what arrived
 *   4. Listing      Get Many, Return All over 5k/10k/20k orders: page requests and time
 *   5. Signing      the credentials' authenticate, in-process micro-benchmark
 *   6. Postbacks    Site Flow Trigger vs Webhook node (header auth, trigger → No Operation)
 *   7. Download     a 1 GiB file into n8n's binary data (filesystem mode) through Box File Download:
 *                   peak RSS growth of the n8n server, SHA-256 of the stored file (scripts/bench/download.ts)
 *   8. Sweep        Get Order at 3000/min and 200/600/1500 ms latency (scripts/bench/latencySweep.ts)
 *   9. Queue        n8n 2.x queue mode, 3 workers × 3,000 Get Order on one account at 3000/min
 *                   (scripts/bench/queueThroughput.ts; writes its own part of the docs, like sweep)
 *
 * Prints one table and writes docs/benchmarks.md and docs/benchmarks.json (full runs only).
 * Every process it starts is stopped, also on failure or Ctrl-C. Nothing is asserted on timings:
 * the table says PASS/FAIL per target, and the exit code is 0 unless the benchmark itself broke.
 *
 *   npm run bench                              n8n 1.123.50 on this machine's Node 20
 *   npm run bench -- --n8n 2                   n8n 2.41.1 on Node 24
 *   npm run bench -- --only upload,signing     some sections (docs are not written)
 *   npm run bench -- --smoke                   tiny sizes to check the wiring (docs not written)
 *   npm run bench -- --keep                    keep the temporary folder (n8n logs, user folder)
 *   npm run bench -- --items-in-parallel 11    what-if: our Get Order with another "Items in Parallel"
 *   npm run bench -- --only queue --without-rate-limit-headers
 *                                              the queue section with a sandbox that announces no limit
 *   npm run bench -- --trigger-version 2       what-if: the Site Flow Trigger at version 2 (n8n parses the body)
 *                                              (not the defaults, so docs are not written)
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { SITE_FLOW_PAGING } from '../nodes/PrintOs/SiteFlow/endpoints';
import { DEFAULT_ITEM_CONCURRENCY } from '../nodes/PrintOs/transport/items';
import { DEFAULT_PACE_PER_MINUTE } from '../nodes/PrintOs/transport/pacer';
import { GiB, writeArtwork } from './bench/artwork';
import { benchDownload, downloadDetail, downloadWorkflows, DOWNLOAD_WF } from './bench/download';
import {
	executionError,
	isErrorItem,
	cpuTicks,
	MemorySampler,
	nodeItems,
	nodeRun,
	runWebhookWorkflow,
	waitForIdle,
	type Execution,
	type N8nTarget,
} from './bench/n8nRun';
import { firePostbacks, type LoadResult } from './bench/postbackLoad';
import {
	benchmarkJson,
	consoleTable,
	markdownTable,
	verdicts,
	type GetRun,
	type ListingPoint,
	type Meta,
	type PostbackSide,
	type Results,
	type UploadRun,
} from './bench/report';
import { freshSandboxWindow, RequestLogCollector, type SandboxStats } from './bench/sandboxLog';
import { benchmarkSigning } from './bench/signing';
import { linearityRatio, minimumPageRequests, msUntilNextMinute, steadyRate, type LogEntry } from './bench/stats';
import { ACTIVE_WORKFLOWS as BENCH_WORKFLOWS, benchCredentials, benchWorkflows, NODE, WF } from './bench/workflows';
import { benchLatencySweep, SWEEP_ACTIVE, sweepWorkflows, writeSweepDocs } from './bench/latencySweep';
import { benchQueueThroughput, writeQueueDocs } from './bench/queueThroughput';
import { POSTBACK_HEADER, sandboxCredentials } from './lib/credentials';
import { createInstance } from './lib/instance';
import { formatDuration, info, timed, warn } from './lib/log';
import { activateWorkflow, importCredentials, importWorkflows } from './lib/n8nCli';
import type { N8nInstance } from './lib/n8nEnv';
import { ensureN8n, resolveN8nVersion, type N8nInstall } from './lib/n8nHost';
import { createApiKey, ensureOwner, publicApi, sleep, startN8nServer, type N8nServer } from './lib/n8nServer';
import { buildPackage, installTarball, packPackage } from './lib/packageTarball';
import { repoRoot } from './lib/paths';
import { freePort } from './lib/ports';
import { stopAll } from './lib/processes';
import { startSandbox, type Sandbox } from './lib/sandbox';

const SECTIONS = ['signing', 'upload', 'download', 'listing', 'latency', 'ratelimit', 'postbacks', 'sweep', 'queue'] as const;
type Section = (typeof SECTIONS)[number];

const { values: args } = parseArgs({
	options: {
		n8n: { type: 'string', default: '1' },
		only: { type: 'string' },
		smoke: { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		'items-in-parallel': { type: 'string' },
		'trigger-version': { type: 'string' },
		'without-rate-limit-headers': { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

const SMOKE = args.smoke === true;
/** The agreed sizes; --smoke shrinks them only to check the wiring, and then writes no docs. */
const SIZE = {
	rateLimitItems: SMOKE ? 300 : 6000,
	/** Split evenly over the queue-mode workers; 9,000 at 3000/min covers two whole calendar minutes. */
	queueItems: SMOKE ? 300 : 9000,
	latencyItems: SMOKE ? 100 : 1000,
	artworkBytes: SMOKE ? 64 * 1024 * 1024 : GiB,
	listing: SMOKE ? [500, 1000, 2000] : [5000, 10_000, 20_000],
	postbacksPerSide: SMOKE ? 200 : 2000,
	postbackRounds: 8,
	postbackConnections: 4,
	signingSamples: SMOKE ? 20_000 : 100_000,
};
const LATENCY_MS = 200;
const LIMIT_PER_MINUTE = 3000;

const selected = new Set<Section>(
	args.only ? (args.only.split(',').map((s) => s.trim().toLowerCase()) as Section[]) : [...SECTIONS],
);
for (const section of selected) {
	if (!SECTIONS.includes(section)) throw new Error(`Unknown section "${section}"; choose from ${SECTIONS.join(', ')}`);
}
/** What-if only: sets our Get Order's "Items in Parallel"; the benchmark proper uses the default. */
const WHAT_IF_CONCURRENCY = args['items-in-parallel'] ? Number(args['items-in-parallel']) : undefined;
if (WHAT_IF_CONCURRENCY !== undefined && !(Number.isInteger(WHAT_IF_CONCURRENCY) && WHAT_IF_CONCURRENCY >= 1)) {
	throw new Error('--items-in-parallel takes a whole number ≥ 1');
}
/** What-if only: the postback workflow's Site Flow Trigger version; the benchmark proper uses the default (1). */
const WHAT_IF_TRIGGER_VERSION = args['trigger-version'] ? Number(args['trigger-version']) : undefined;
if (WHAT_IF_TRIGGER_VERSION !== undefined && ![1, 2].includes(WHAT_IF_TRIGGER_VERSION)) throw new Error('--trigger-version takes 1 or 2');
const writeDocs = !args.only && !SMOKE && WHAT_IF_CONCURRENCY === undefined && WHAT_IF_TRIGGER_VERSION === undefined;

interface Context {
	install: N8nInstall;
	instance: N8nInstance;
	server: N8nServer;
	sandbox: Sandbox;
	target: N8nTarget;
	filesDir: string;
	postbackToken: string;
}

const results: Results = { meta: undefined as unknown as Meta, errors: {} };

async function section(name: Section, fn: () => Promise<void>): Promise<void> {
	if (!selected.has(name)) return;
	const started = Date.now();
	console.log(`\n=== ${name} ===`);
	try {
		await fn();
		info(`${name}: done in ${formatDuration(Date.now() - started)}`);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		results.errors[name] = message;
		warn(`${name} FAILED after ${formatDuration(Date.now() - started)}: ${message}`);
	}
}

// ---- machine -------------------------------------------------------------------------------------

function gitDescription(): string {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		return dirty ? `${commit} (with uncommitted changes)` : commit;
	} catch {
		return 'unknown';
	}
}

function machineMeta(install: N8nInstall): Meta {
	const cpus = os.cpus();
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	return {
		date: new Date().toISOString(),
		command,
		n8nVersion: install.version,
		nodeRuntime: install.runtime.label,
		cpuModel: cpus[0]?.model?.trim() || 'unknown',
		cores: cpus.length,
		ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		commit: gitDescription(),
	};
}

// ---- helpers -------------------------------------------------------------------------------------

async function sandboxOrderIds(sandbox: Sandbox, count: number): Promise<string[]> {
	const state = await sandbox.admin('GET', 'state');
	if (state.orders < count) await sandbox.admin('POST', 'orders/generate', { count: count - state.orders });
	const { orders } = await sandbox.admin('GET', `orders?limit=${count}&offset=0`);
	return (orders as Array<{ _id: string }>).map((o) => o._id);
}

async function waitForNextMinute(what: string): Promise<void> {
	const wait = msUntilNextMinute(Date.now(), 1000);
	info(`${what}: waiting ${(wait / 1000).toFixed(0)} s for the next calendar minute (fresh rate-limit window)`);
	await sleep(wait);
}

function getRun(label: string, execution: Execution, nodeName: string, items: number, stats: SandboxStats, entries: LogEntry[], gaps: number): GetRun {
	const output = nodeItems(execution, nodeName);
	const errors = output.filter(isErrorItem);
	const successTimes = entries.filter((e) => e.status >= 200 && e.status < 300).map((e) => Date.parse(e.time));
	const steady = steadyRate(successTimes);
	const run = nodeRun(execution, nodeName);
	const problem = executionError(execution);
	return {
		label,
		items,
		okItems: problem && output.length === 0 ? 0 : output.length - errors.length,
		errorItems: problem && output.length === 0 ? items : errors.length,
		requests: stats.requests,
		byStatus: stats.byStatus,
		steadyPerMinute: steady?.perMinute ?? null,
		steadyWindowSeconds: steady ? (steady.toMs - steady.fromMs) / 1000 : null,
		nodeSeconds: run?.executionTime != null ? run.executionTime / 1000 : null,
		perMinute: stats.perMinute,
		logGaps: gaps,
		firstError: problem ?? (errors[0] ? String(errors[0].json.error?.message ?? errors[0].json.error) : undefined),
	};
}

/** One "get order" run: fresh sandbox window, the workflow, the sandbox's log collected throughout. */
async function runGet(
	ctx: Context,
	label: string,
	workflow: { id: string; path: string },
	nodeName: string,
	ids: string[],
	faults: { latencyMs: number; rateLimit: number },
): Promise<GetRun> {
	await freshSandboxWindow(ctx.sandbox, faults);
	const collector = new RequestLogCollector(ctx.sandbox);
	collector.start(8000);
	const started = Date.now();
	info(`${label}: ${ids.length} items ...`);
	let execution: Execution;
	try {
		execution = await runWebhookWorkflow(ctx.target, workflow.id, workflow.path, { items: ids.map((id) => ({ id })) }, {
			timeoutMs: 10 * 60_000,
			onWait: () => info(`  ... ${label}: ${collector.entries.length} requests so far (${formatDuration(Date.now() - started)})`),
		});
	} finally {
		await collector.stop();
	}
	const stats: SandboxStats = await ctx.sandbox.admin('GET', 'stats');
	const run = getRun(label, execution, nodeName, ids.length, stats, collector.entries, collector.gaps);
	info(
		`${label}: ${run.okItems}/${run.items} ok, ${run.requests} requests (${Object.entries(run.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}), ` +
			`steady ${run.steadyPerMinute?.toFixed(0) ?? '–'} ok/min, node ${run.nodeSeconds?.toFixed(2) ?? '–'} s, wall ${formatDuration(Date.now() - started)}` +
			(run.firstError ? `; first error: ${run.firstError.slice(0, 160)}` : ''),
	);
	if (run.logGaps) warn(`${label}: the sandbox log was polled too slowly ${run.logGaps} time(s); the steady rate may be off`);
	return run;
}

function oursLabel(): string {
	return WHAT_IF_CONCURRENCY === undefined ? 'defaults' : `WHAT-IF Items in Parallel ${WHAT_IF_CONCURRENCY}`;
}

// ---- sections ------------------------------------------------------------------------------------

async function benchUpload(ctx: Context): Promise<void> {
	const warmFile = path.join(ctx.filesDir, 'warmup.pdf');
	const bigFile = path.join(ctx.filesDir, 'artwork-large.pdf');
	await writeArtwork(warmFile, 1024 * 1024);
	const artwork = await timed(`Writing a ${(SIZE.artworkBytes / 1024 ** 2).toFixed(0)} MiB PDF and hashing it`, () =>
		writeArtwork(bigFile, SIZE.artworkBytes),
	);
	await freshSandboxWindow(ctx.sandbox, { latencyMs: LATENCY_MS, rateLimit: LIMIT_PER_MINUTE });
	const flows = [
		{ key: 'control', label: 'Read/Write Files from Disk only (control)', wf: WF.readOnly, node: NODE.read, uploads: false },
		{ key: 'box', label: 'Box Upload Binary', wf: WF.uploadBox, node: NODE.ours, uploads: true },
		{ key: 'siteFlow', label: 'Site Flow Order Artwork Upload', wf: WF.uploadSiteFlow, node: NODE.ours, uploads: true },
	] as const;

	// Warm-up with a small file: code paths loaded, so the large run measures the upload alone.
	for (const flow of flows) {
		const execution = await runWebhookWorkflow(ctx.target, flow.wf.id, flow.wf.path, { path: warmFile });
		const problem = executionError(execution);
		if (problem) throw new Error(`warm-up of ${flow.label} failed: ${problem}`);
	}

	const runs: Record<string, UploadRun> = {};
	for (const flow of flows) {
		await waitForIdle(ctx.target.pid, { windowMs: 1000, maxShare: 0.05, timeoutMs: 30_000 });
		const before = new Set(((await ctx.sandbox.admin('GET', 'uploads')).uploads as Array<{ id: string }>).map((u) => u.id));
		const sampler = new MemorySampler(ctx.target.pid, 50);
		let execution: Execution | undefined;
		let error: string | undefined;
		try {
			execution = await runWebhookWorkflow(ctx.target, flow.wf.id, flow.wf.path, { path: bigFile }, { timeoutMs: 10 * 60_000 });
			error = executionError(execution);
		} catch (e) {
			error = (e as Error).message;
		}
		const memory = sampler.stop();
		const run: UploadRun = {
			label: flow.label,
			seconds: execution ? (nodeRun(execution, flow.node)?.executionTime ?? NaN) / 1000 : null,
			baselineMiB: memory.baselineKb / 1024,
			peakMiB: memory.peakKb / 1024,
			growthMiB: memory.growthKb / 1024,
			hwmReset: memory.hwmReset,
			error,
		};
		if (flow.uploads) {
			const uploads = ((await ctx.sandbox.admin('GET', 'uploads')).uploads as Array<{ id: string; size: number; sha256: string | null; complete: boolean }>).filter(
				(u) => !before.has(u.id) && u.complete,
			);
			const stored = uploads.find((u) => u.size === artwork.size) ?? uploads.at(-1);
			run.storedSha256 = stored?.sha256 ?? null;
			run.storedSize = stored?.size;
			run.hashMatch = stored?.sha256 === artwork.sha256 && stored?.size === artwork.size;
		}
		runs[flow.key] = run;
		info(
			`${flow.label}: RSS ${run.baselineMiB.toFixed(0)} → peak ${run.peakMiB.toFixed(0)} MiB (growth ${run.growthMiB.toFixed(1)} MiB, ${memory.samples} samples${memory.hwmReset ? ', VmHWM reset' : ''}), ` +
				`node ${run.seconds?.toFixed(1) ?? '–'} s${flow.uploads ? `, hash ${run.hashMatch ? 'matches' : 'DIFFERS'}` : ''}${error ? `; error: ${error}` : ''}`,
		);
	}
	results.upload = {
		sizeBytes: artwork.size,
		sha256: artwork.sha256,
		binaryMode: 'filesystem',
		control: runs.control,
		box: runs.box,
		siteFlow: runs.siteFlow,
	};
	fs.rmSync(bigFile, { force: true });
}

async function benchListing(ctx: Context): Promise<void> {
	await ctx.sandbox.admin('POST', 'reset', {});
	await freshSandboxWindow(ctx.sandbox, { latencyMs: LATENCY_MS, rateLimit: LIMIT_PER_MINUTE });
	const points: ListingPoint[] = [];
	for (const orders of SIZE.listing) {
		const state = await ctx.sandbox.admin('GET', 'state');
		if (state.orders < orders) {
			await timed(`Generating ${orders - state.orders} orders in the sandbox`, () =>
				ctx.sandbox.admin('POST', 'orders/generate', { count: orders - state.orders }),
			);
		}
		await freshSandboxWindow(ctx.sandbox, { latencyMs: LATENCY_MS, rateLimit: LIMIT_PER_MINUTE });
		const execution = await runWebhookWorkflow(ctx.target, WF.listOurs.id, WF.listOurs.path, {});
		const problem = executionError(execution);
		if (problem) throw new Error(`Get Many over ${orders} orders failed: ${problem}`);
		const { requests } = await ctx.sandbox.admin('GET', 'requests?limit=5000');
		const pageRequests = (requests as LogEntry[]).filter((e) => e.method === 'GET' && e.path === '/api/order').length;
		const run = nodeRun(execution, NODE.ours);
		const point: ListingPoint = {
			orders,
			items: nodeItems(execution, NODE.ours).length,
			pageRequests,
			minimumPageRequests: minimumPageRequests(orders, SITE_FLOW_PAGING.maxPageSize),
			seconds: run?.executionTime != null ? run.executionTime / 1000 : null,
		};
		points.push(point);
		info(`Get Many over ${orders} orders: ${point.items} items, ${pageRequests} page requests (minimum ${point.minimumPageRequests}), node ${point.seconds?.toFixed(2)} s`);
	}
	results.listing = {
		maxPageSize: SITE_FLOW_PAGING.maxPageSize,
		latencyMs: LATENCY_MS,
		points,
		linearity: linearityRatio(points.map((p) => ({ orders: p.orders, seconds: p.seconds ?? NaN }))) ?? null,
	};
}

async function benchLatency(ctx: Context, ids: string[]): Promise<void> {
	const faults = { latencyMs: LATENCY_MS, rateLimit: 0 };
	const slice = ids.slice(0, SIZE.latencyItems);
	const concurrency = WHAT_IF_CONCURRENCY ?? DEFAULT_ITEM_CONCURRENCY;
	const ours = await runGet(ctx, `Latency: ours (${oursLabel()})`, WF.getOurs, NODE.ours, slice, faults);
	results.latency = {
		items: slice.length,
		latencyMs: LATENCY_MS,
		concurrency,
		boundSeconds: (slice.length * LATENCY_MS) / 1000 / concurrency,
		ours,
	};
	results.latency.http = await runGet(ctx, 'Latency: HTTP Request (defaults)', WF.getHttp, NODE.http, slice, faults);
}

async function benchRateLimit(ctx: Context, ids: string[], filler: () => Promise<void>): Promise<void> {
	const faults = { latencyMs: LATENCY_MS, rateLimit: LIMIT_PER_MINUTE };
	const slice = ids.slice(0, SIZE.rateLimitItems);
	await waitForNextMinute('Rate limit, ours');
	const ours = await runGet(ctx, `Rate limit: ours (${oursLabel()})`, WF.getOurs, NODE.ours, slice, faults);
	results.rateLimit = { limitPerMinute: LIMIT_PER_MINUTE, latencyMs: LATENCY_MS, ours };
	await waitForNextMinute('Rate limit, HTTP Request defaults');
	results.rateLimit.httpDefault = await runGet(ctx, 'Rate limit: HTTP Request (defaults)', WF.getHttp, NODE.http, slice, faults);
	// The postbacks need no sandbox: they fill the wait for the next calendar minute.
	await filler();
	await waitForNextMinute('Rate limit, HTTP Request batched');
	results.rateLimit.httpBatched = await runGet(ctx, 'Rate limit: HTTP Request (batching 50 / 1000 ms)', WF.getHttpBatched, NODE.http, slice, faults);
}

async function benchPostbacks(ctx: Context): Promise<void> {
	const headers = { [POSTBACK_HEADER]: ctx.postbackToken };
	const urls = {
		ours: `${ctx.target.url}/webhook/${WF.postbackOurs.path}`,
		webhook: `${ctx.target.url}/webhook/${WF.postbackWebhook.path}`,
	};
	const connections = SIZE.postbackConnections;
	// warm-up (also waits for the webhooks to be registered)
	for (const [side, url] of Object.entries(urls)) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const warm = await firePostbacks(url, headers, SMOKE ? 50 : 250, connections);
			if (warm.failed === 0) break;
			if (Date.now() > deadline) throw new Error(`warm-up of the ${side} postback workflow failed: ${JSON.stringify(warm.statuses)}`);
			await sleep(1000);
		}
	}
	// a wrong token must be refused by both, or the comparison is meaningless
	for (const [side, url] of Object.entries(urls)) {
		const refused = await firePostbacks(url, { [POSTBACK_HEADER]: 'wrong-token' }, 1, 1);
		if (refused.ok) throw new Error(`the ${side} postback workflow accepted a wrong token`);
	}
	await waitForIdle(ctx.target.pid);

	const perRound = Math.ceil(SIZE.postbacksPerSide / SIZE.postbackRounds);
	const totals: Record<'ours' | 'webhook', LoadResult[]> = { ours: [], webhook: [] };
	// ABBA order, so drift (database growth, JIT) weighs on both sides alike
	const order: Array<'ours' | 'webhook'> = [];
	for (let round = 0; round < SIZE.postbackRounds; round++) order.push(...(round % 2 === 0 ? (['ours', 'webhook'] as const) : (['webhook', 'ours'] as const)));
	let index = 0;
	const cpu: Record<'ours' | 'webhook', number> = { ours: 0, webhook: 0 };
	for (const side of order) {
		const ticksBefore = cpuTicks(ctx.target.pid);
		const result = await firePostbacks(urls[side], headers, perRound, connections, index);
		index += perRound;
		totals[side].push(result);
		// let the executions the round started finish before the next round is timed
		await waitForIdle(ctx.target.pid);
		const cpuMs = (cpuTicks(ctx.target.pid) - ticksBefore) * 10;
		cpu[side] += cpuMs;
		info(
			`postbacks, ${side}: ${result.sent} in ${result.seconds.toFixed(2)} s = ${result.perSecond.toFixed(1)}/s, n8n CPU ${(cpuMs / result.sent).toFixed(1)} ms each` +
				`${result.failed ? ` (${result.failed} failed: ${JSON.stringify(result.statuses)})` : ''}`,
		);
	}
	const sum = (list: LoadResult[]): PostbackSide => {
		const sent = list.reduce((n, r) => n + r.sent, 0);
		const seconds = list.reduce((n, r) => n + r.seconds, 0);
		const statuses: Record<string, number> = {};
		for (const r of list) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
		return { sent, failed: list.reduce((n, r) => n + r.failed, 0), seconds, perSecond: sent / seconds, statuses };
	};
	const ours = sum(totals.ours);
	const webhook = sum(totals.webhook);
	ours.cpuMsEach = cpu.ours / ours.sent;
	webhook.cpuMsEach = cpu.webhook / webhook.sent;
	results.postbacks = { connections, rounds: SIZE.postbackRounds, ours, webhook };
}

// ---- setup ---------------------------------------------------------------------------------------

async function activateAll(ctx: Context, ids: string[]): Promise<boolean> {
	try {
		for (const id of ids) await publicApi(ctx.target.url, ctx.target.apiKey, 'POST', `/workflows/${id}/activate`);
		return true;
	} catch (error) {
		warn(`Activating through the public API failed (${(error as Error).message.slice(0, 200)}); activating with the CLI and restarting n8n`);
		return false;
	}
}

async function startN8n(install: N8nInstall, tmpDir: string, sandbox: Sandbox, filesDir: string): Promise<Context> {
	const logDir = path.join(tmpDir, 'logs');
	const benchInstall: N8nInstall = {
		...install,
		runtime: {
			...install.runtime,
			env: {
				...install.runtime.env,
				// the upload benchmark reads a large file into n8n the way users should: to disk, not the heap
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
				N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
			},
		},
	};
	const instance = await createInstance(benchInstall, { userFolder: path.join(tmpDir, 'user'), logDir });
	await timed('Installing the packed package into the n8n user folder', async () => {
		const tarball = await packPackage(path.join(tmpDir, 'pack'));
		await installTarball(instance.userFolder, tarball);
	});
	const postbackToken = crypto.randomBytes(24).toString('hex');
	await timed('Importing credentials and benchmark workflows (first CLI run: migrations)', async () => {
		await importCredentials(instance, [
			...sandboxCredentials({ sandboxUrl: sandbox.url, orderServiceUrl: sandbox.orderServiceUrl, postbackToken, smtpPort: 2525 }).filter((c) => c.type !== 'smtp'),
			...benchCredentials(postbackToken),
		]);
		await importWorkflows(instance, [
			...benchWorkflows(sandbox.url, { itemsInParallel: WHAT_IF_CONCURRENCY, triggerVersion: WHAT_IF_TRIGGER_VERSION }),
			...sweepWorkflows(),
			...downloadWorkflows(),
		]);
	});
	let server = await timed(`Starting n8n ${install.version}`, () => startN8nServer(instance));
	const owner = { email: 'bench@example.com', password: 'Bench-Passw0rd', firstName: 'Bench', lastName: 'Runner' };
	const session = await ensureOwner(server.url, owner);
	const apiKey = await createApiKey(session);
	const ctx: Context = {
		install: benchInstall,
		instance,
		server,
		sandbox,
		target: { url: server.url, apiKey, pid: server.proc.pid! },
		filesDir,
		postbackToken,
	};
	const active = [...ACTIVE_WORKFLOWS, DOWNLOAD_WF.id];
	if (!(await activateAll(ctx, active))) {
		await server.stop();
		for (const id of active) await activateWorkflow(instance, id);
		server = await timed(`Restarting n8n ${install.version}`, () => startN8nServer(instance));
		ctx.server = server;
		ctx.target = { url: server.url, apiKey, pid: server.proc.pid! };
	}
	return ctx;
}

function writeResults(results: Results): void {
	const docs = path.join(repoRoot, 'docs');
	const json = benchmarkJson(results);
	fs.writeFileSync(path.join(docs, 'benchmarks.json'), `${JSON.stringify(json, null, 2)}\n`);
	fs.writeFileSync(path.join(docs, 'benchmarks.md'), renderMarkdown(results));
	info('Wrote docs/benchmarks.md and docs/benchmarks.json');
}

function perMinuteLines(run: GetRun | undefined): string {
	if (!run) return '';
	return run.perMinute.map((m) => `${m.minute.slice(11, 16)} ${m.requests}${m.throttled ? ` (${m.throttled}×429)` : ''}`).join(', ');
}

/** What "Items in Parallel" means for throughput, from this run's own figures. */
function concurrencyNote(r: Results): string {
	const ours = r.rateLimit?.ours;
	const concurrency = r.latency?.concurrency ?? DEFAULT_ITEM_CONCURRENCY;
	if (!ours?.steadyPerMinute || !r.rateLimit) return '';
	const slotMs = (concurrency * 60_000) / ours.steadyPerMinute;
	const overheadMs = slotMs - r.rateLimit.latencyMs;
	const at = (latency: number) => ((concurrency * 60_000) / (latency + overheadMs) / r.rateLimit!.limitPerMinute) * 100;
	return (
		`"Items in Parallel" (${concurrency} here) bounds throughput at about ${concurrency} ÷ round-trip time: with the sandbox's ${r.rateLimit.latencyMs} ms plus the ~${overheadMs.toFixed(0)} ms n8n and our request path add, ` +
		`${concurrency} in flight reached ${((ours.steadyPerMinute / r.rateLimit.limitPerMinute) * 100).toFixed(1)} % of the limit; at 300 ms it would be about ${Math.min(100, at(300)).toFixed(0)} %, at 500 ms about ${Math.min(100, at(500)).toFixed(0)} %. ` +
		'Against a slower link, raise it: the pacer still keeps the account under its limit.'
	);
}

export function renderMarkdown(r: Results): string {
	const m = r.meta;
	const details: string[] = [];
	if (r.rateLimit) {
		const rl = r.rateLimit;
		details.push(
			`- Rate limit: the sandbox allows ${rl.limitPerMinute} requests per calendar minute per token and adds ${rl.latencyMs} ms to every answer. ` +
				`Each run starts at a fresh calendar minute with cleared statistics. Steady throughput counts the successful requests the sandbox logged between the 5th and the 95th percentile of their arrival times (ramp-up and tail excluded). ` +
				`Requests per calendar minute (UTC): ours ${perMinuteLines(rl.ours)}; HTTP Request defaults ${perMinuteLines(rl.httpDefault)}; batched ${perMinuteLines(rl.httpBatched)}.`,
		);
	}
	if (r.latency) {
		details.push(
			`- Latency: no limit in the sandbox (our pacer still runs at its default ${DEFAULT_PACE_PER_MINUTE}/min, i.e. at most ${(DEFAULT_PACE_PER_MINUTE / 60).toFixed(0)} requests/s); bound = ${r.latency.items} × ${r.latency.latencyMs} ms / ${r.latency.concurrency} (Items in Parallel) = ${r.latency.boundSeconds.toFixed(1)} s; times are the nodes' own execution times in n8n's run data. ` +
				`Ours ran at ${r.latency.ours.steadyPerMinute?.toFixed(0) ?? '–'} requests/min in its steady part, i.e. ${r.latency.ours.steadyPerMinute ? ((r.latency.concurrency * 60_000) / r.latency.ours.steadyPerMinute).toFixed(0) : '–'} ms per request and slot (${r.latency.latencyMs} ms of it sandbox latency).`,
		);
	}
	if (r.upload) {
		const u = r.upload;
		details.push(
			`- Upload: ${u.sizeBytes.toLocaleString('en-US')} bytes, SHA-256 ${u.sha256.slice(0, 16)}…; n8n started with N8N_DEFAULT_BINARY_DATA_MODE=filesystem; the workflow (Webhook → Read/Write Files from Disk → our node) runs in the server process; its VmRSS is sampled every 50 ms and VmHWM is reset before each run (${u.box.hwmReset ? 'reset worked' : 'reset refused: samples only'}). ` +
				`Baselines after a 1 MiB warm-up: control ${u.control.baselineMiB.toFixed(0)} MiB, Box ${u.box.baselineMiB.toFixed(0)} MiB, Site Flow ${u.siteFlow.baselineMiB.toFixed(0)} MiB. The control run reads the file only, to show what n8n itself adds.`,
		);
	}
	if (r.download) details.push(downloadDetail(r.download));
	if (r.listing) details.push(`- Listing: page requests are the sandbox's logged \`GET /api/order\` calls; minimum = ceil(orders / ${r.listing.maxPageSize}) (\`SITE_FLOW_PAGING.maxPageSize\`); ${r.listing.latencyMs} ms latency, 3000/min limit.`);
	if (r.postbacks) {
		details.push(
			`- Postbacks: ${r.postbacks.ours.sent} POSTs per side to 127.0.0.1 over ${r.postbacks.connections} keep-alive connections, after 250 warm-up POSTs per side, in ${r.postbacks.rounds} rounds per side alternating ABBA (so drift weighs on both alike); postbacks per second = POSTs ÷ the summed time from first request to last answer of each round; the n8n server is left to go idle between rounds, and its CPU time per postback (round plus drain, executions included) is shown too. ` +
				'Both workflows: trigger (header auth, answer at once) → No Operation; both refuse a wrong token. n8n saves every execution (its default) on both sides.',
		);
	}
	if (r.signing) details.push('- Signing: each credential class\'s `authenticate` on the request shape our transport sends (absolute URL, `qs`, JSON), three realistic PrintOS URLs in rotation, 20,000 warm-up calls, one `hrtime` measurement per call.');
	const errors = Object.entries(r.errors);
	const { pass, fail } = verdicts(r);
	return `# Benchmarks

Generated by \`${m.command}\` on ${m.date.slice(0, 10)}; do not edit by hand (figures: [benchmarks.json](benchmarks.json)).

| | |
| --- | --- |
| Machine | ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM (${m.os}) |
| n8n | ${m.n8nVersion} on ${m.nodeRuntime}, server process, SQLite, filesystem binary data |
| Package | n8n-nodes-printos at ${m.commit}, packed and installed as a community package |
| Against | the PrintOS sandbox (\`sandbox/\`) on 127.0.0.1 |
| Duration | ${m.durationSeconds ? formatDuration(m.durationSeconds * 1000) : '–'} |

Our nodes run with their default settings (Items in Parallel 10, Max Requests per Minute 2940). Every figure beside them comes from the same run.

${markdownTable(r)}

${pass} targets met, ${fail} missed.${errors.length ? `\n\nSections that could not run: ${errors.map(([s, e]) => `${s} (${e})`).join('; ')}.` : ''}

## How each figure is measured

${details.join('\n')}

## Several workflows on one PrintOS account

The pacer lives in the n8n process and keys on the account (credential type, key or token, host): every workflow and node that uses the same PrintOS account in one n8n process draws on one budget of "Max Requests per Minute" (default 2940), so workflows running at the same time slow each other down instead of running into 429s. Separate n8n processes (queue-mode workers, a second instance) each pace on their own and cannot see each other's traffic: with "Max Requests per Minute" unset each learns its share from PrintOS's 429s (see "Queue mode" below and README, Running at scale); a "Max Requests per Minute" set in each to its share (e.g. 1400 for each of two workers) avoids the 429s altogether. Requests sent with n8n's HTTP Request node, even with these credentials, are not paced at all.

${concurrencyNote(r)}
`;
}

const ACTIVE_WORKFLOWS = [...BENCH_WORKFLOWS, ...SWEEP_ACTIVE];

async function main(): Promise<void> {
	if (args.help) {
		console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
		return;
	}
	const started = Date.now();
	const version = resolveN8nVersion(args.n8n);
	info(`Benchmark on n8n ${version.version}; sections: ${[...selected].join(', ')}${SMOKE ? ' (SMOKE sizes: docs are not written)' : ''}`);
	if (WHAT_IF_CONCURRENCY !== undefined) warn(`WHAT-IF run: our Get Order uses Items in Parallel ${WHAT_IF_CONCURRENCY}, not the default; docs are not written`);

	const [install] = await Promise.all([ensureN8n(version), timed('Building the package', () => buildPackage())]);
	results.meta = machineMeta(install);
	if (WHAT_IF_CONCURRENCY !== undefined) results.meta.variant = `Items in Parallel ${WHAT_IF_CONCURRENCY}`;

	await section('signing', async () => {
		results.signing = await benchmarkSigning({ samples: SIZE.signingSamples });
		for (const s of results.signing) info(`${s.credential}: median ${s.medianUs.toFixed(2)} µs (p90 ${s.p90Us.toFixed(1)}, p99 ${s.p99Us.toFixed(1)})`);
	});

	/** Sections that write their own part of the docs (sweep, queue), run once the rest is written. */
	const ownDocs: Array<() => void> = [];
	const needsN8n = [...selected].some((s) => s !== 'signing');
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `printos-bench-${version.version}-`));
	let failed = false;
	try {
		if (needsN8n) {
			const filesDir = path.join(tmpDir, 'files');
			fs.mkdirSync(filesDir, { recursive: true });
			const sandbox = await timed('Starting the PrintOS sandbox', async () =>
				startSandbox({ port: await freePort(), quiet: true, logFile: path.join(tmpDir, 'sandbox.log') }),
			);
			// the queue section brings its own n8n processes (scripts/bench/queueThroughput.ts)
			const needsServer = [...selected].some((s) => s !== 'signing' && s !== 'queue');
			const benchServer = needsServer ? await startN8n(install, tmpDir, sandbox, filesDir) : undefined;
			if (benchServer) info(`n8n ${version.version} ready at ${benchServer.target.url} (pid ${benchServer.target.pid}); logs in ${path.join(tmpDir, 'logs')}`);
			const server = (): Context => {
				if (!benchServer) throw new Error('the n8n server was not started');
				return benchServer;
			};

			await section('upload', () => benchUpload(server()));
			await section('download', async () => {
				results.download = await benchDownload(server(), SIZE.artworkBytes);
				const d = results.download;
				info(`${d.label}: RSS ${d.baselineMiB.toFixed(0)} → peak ${d.peakMiB.toFixed(0)} MiB (growth ${d.growthMiB.toFixed(1)} MiB), node ${d.seconds?.toFixed(1) ?? '–'} s, hash ${d.hashMatch ? 'matches' : 'DIFFERS'}${d.error ? `; error: ${d.error}` : ''}`);
			});
			await section('listing', () => benchListing(server()));
			let ids: string[] = [];
			if (selected.has('latency') || selected.has('ratelimit') || selected.has('sweep') || selected.has('queue')) {
				ids = await sandboxOrderIds(sandbox, Math.max(SIZE.rateLimitItems, SIZE.latencyItems, SIZE.queueItems));
			}
			await section('sweep', async () => {
				const sweep = await benchLatencySweep({ ids: ids.slice(0, SIZE.rateLimitItems), comparisonItems: SIZE.latencyItems, runGet: (...a) => runGet(server(), ...a), waitForNextMinute });
				if (!SMOKE) ownDocs.push(() => writeSweepDocs(path.join(repoRoot, 'docs'), sweep, results.meta));
			});
			await section('queue', async () => {
				// queue mode is proven on n8n 2.x (test/e2e/queue/queueMode.ts)
				const queueInstall = install.major >= 2 ? install : await ensureN8n(resolveN8nVersion('2'));
				const queue = await benchQueueThroughput({
					install: queueInstall,
					sandbox,
					tmpDir,
					ids: ids.slice(0, SIZE.queueItems),
					latencyMs: LATENCY_MS,
					limitPerMinute: LIMIT_PER_MINUTE,
					postbackToken: crypto.randomBytes(24).toString('hex'),
					rateLimitHeaders: !args['without-rate-limit-headers'],
					waitForNextMinute,
				});
				if (!SMOKE) ownDocs.push(() => writeQueueDocs(path.join(repoRoot, 'docs'), queue));
			});
			await section('latency', () => benchLatency(server(), ids));
			const postbacks = () => section('postbacks', () => benchPostbacks(server()));
			if (selected.has('ratelimit')) {
				await section('ratelimit', () => benchRateLimit(server(), ids, postbacks));
				if (!results.postbacks && !results.errors.postbacks) await postbacks();
			} else {
				await postbacks();
			}
		}
	} catch (error) {
		failed = true;
		throw error;
	} finally {
		await stopAll();
		results.meta.durationSeconds = Math.round((Date.now() - started) / 1000);
		if (failed || args.keep) info(`Kept ${tmpDir}`);
		else fs.rmSync(tmpDir, { recursive: true, force: true });
	}

	console.log(`\n${consoleTable(results)}\n`);
	const { pass, fail } = verdicts(results);
	console.log(`${pass} targets met, ${fail} missed${Object.keys(results.errors).length ? `; sections that broke: ${Object.keys(results.errors).join(', ')}` : ''}`);
	console.log(JSON.stringify(benchmarkJson(results), null, 2));
	if (writeDocs) writeResults(results);
	else {
		const file = path.join(os.tmpdir(), `printos-bench-${Date.now()}.md`);
		fs.writeFileSync(file, renderMarkdown(results));
		info(`Partial or smoke run: the rest of docs/ left alone; the report is in ${file}`);
	}
	// after writeResults, which rewrites both files: these sections add their own part, also in partial runs
	for (const write of ownDocs) write();
	info(`Benchmark finished in ${formatDuration(Date.now() - started)}`);
	process.exitCode = Object.keys(results.errors).length ? 1 : 0;
}

main().catch(async (error) => {
	console.error(`[printos] bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
	await stopAll();
	process.exit(1);
});
