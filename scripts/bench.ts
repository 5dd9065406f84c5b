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
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { GiB } from './bench/artwork';
import { startBenchServer, type BenchServer } from './bench/benchServer';
import { writeBenchmarkDocs, writeQueueDocs, writeSweepDocs } from './bench/docsFiles';
import { benchDownload } from './bench/download';
import { runGet, sandboxOrderIds, waitForNextMinute } from './bench/getOrderRun';
import { benchLatency } from './bench/latency';
import { benchLatencySweep } from './bench/latencySweep';
import { benchListing } from './bench/listing';
import { machineMeta } from './bench/machine';
import { benchmarksMarkdown } from './bench/markdown';
import { benchPostbacks } from './bench/postbacks';
import { benchQueueThroughput } from './bench/queueThroughput';
import { benchRateLimit } from './bench/rateLimit';
import { benchmarkJson, consoleTable, verdicts, type Meta, type Results } from './bench/report';
import { benchmarkSigning } from './bench/signing';
import { benchUpload } from './bench/upload';
import { formatDuration, info, timed, warn } from './lib/log';
import { ensureN8n, resolveN8nVersion } from './lib/n8nHost';
import { buildPackage } from './lib/packageTarball';
import { repoRoot } from './lib/paths';
import { freePort } from './lib/ports';
import { stopAll } from './lib/processes';
import { printUsageIfAsked } from './lib/usage';
import { startSandbox } from './lib/sandbox';

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
	postbackWarmUpPerSide: SMOKE ? 50 : 250,
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

const results: Results = { meta: undefined as unknown as Meta, errors: {} };

/** Runs one section if it was selected; a section that breaks is recorded and the others still run. */
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

async function main(): Promise<void> {
	if (printUsageIfAsked(args.help, __filename)) return;
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
			const benchServer = needsServer
				? await startBenchServer(install, tmpDir, sandbox, filesDir, { itemsInParallel: WHAT_IF_CONCURRENCY, triggerVersion: WHAT_IF_TRIGGER_VERSION })
				: undefined;
			if (benchServer) info(`n8n ${version.version} ready at ${benchServer.target.url} (pid ${benchServer.target.pid}); logs in ${path.join(tmpDir, 'logs')}`);
			const server = (): BenchServer => {
				if (!benchServer) throw new Error('the n8n server was not started');
				return benchServer;
			};

			await section('upload', async () => {
				results.upload = await benchUpload(server(), { artworkBytes: SIZE.artworkBytes, latencyMs: LATENCY_MS, limitPerMinute: LIMIT_PER_MINUTE });
			});
			await section('download', async () => {
				results.download = await benchDownload(server(), SIZE.artworkBytes);
				const d = results.download;
				info(`${d.label}: RSS ${d.baselineMiB.toFixed(0)} → peak ${d.peakMiB.toFixed(0)} MiB (growth ${d.growthMiB.toFixed(1)} MiB), node ${d.seconds?.toFixed(1) ?? '–'} s, hash ${d.hashMatch ? 'matches' : 'DIFFERS'}${d.error ? `; error: ${d.error}` : ''}`);
			});
			await section('listing', async () => {
				results.listing = await benchListing(server(), { orderCounts: SIZE.listing, latencyMs: LATENCY_MS, limitPerMinute: LIMIT_PER_MINUTE });
			});
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
			await section('latency', () =>
				benchLatency(server(), ids, { items: SIZE.latencyItems, latencyMs: LATENCY_MS, whatIfConcurrency: WHAT_IF_CONCURRENCY }, results),
			);
			const postbacks = () =>
				section('postbacks', async () => {
					results.postbacks = await benchPostbacks(server(), {
						perSide: SIZE.postbacksPerSide,
						rounds: SIZE.postbackRounds,
						connections: SIZE.postbackConnections,
						warmUpPerSide: SIZE.postbackWarmUpPerSide,
					});
				});
			if (selected.has('ratelimit')) {
				await section('ratelimit', () =>
					benchRateLimit(
						server(),
						ids,
						{ items: SIZE.rateLimitItems, latencyMs: LATENCY_MS, limitPerMinute: LIMIT_PER_MINUTE, whatIfConcurrency: WHAT_IF_CONCURRENCY },
						results,
						postbacks,
					),
				);
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
	if (writeDocs) {
		writeBenchmarkDocs(path.join(repoRoot, 'docs'), results);
		info('Wrote docs/benchmarks.md and docs/benchmarks.json');
	} else {
		const file = path.join(os.tmpdir(), `printos-bench-${Date.now()}.md`);
		fs.writeFileSync(file, benchmarksMarkdown(results));
		info(`Partial or smoke run: the rest of docs/ left alone; the report is in ${file}`);
	}
	// after writeBenchmarkDocs, which rewrites both files: these sections add their own part, also in partial runs
	for (const write of ownDocs) write();
	info(`Benchmark finished in ${formatDuration(Date.now() - started)}`);
	process.exitCode = Object.keys(results.errors).length ? 1 : 0;
}

main().catch(async (error) => {
	console.error(`[printos] bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
	await stopAll();
	process.exit(1);
});
