/**
 * `npm run reliability`: the fault matrix over every operation of both nodes, the no-duplicate,
 * clock-skew and restart checks, property-based bad input, and hostile requests against a real n8n
 * (n8n 1.123.50 through scripts/lib, installed into the cache on first use; the in-process trigger
 * when that is not possible, and the report says so). Writes docs/reliability.md and
 * docs/reliability.json.
 *
 *   npm run reliability                       everything (a few minutes)
 *   npm run reliability -- --quick            the jest representative set, 10 bad-input runs per operation
 *   npm run reliability -- --skip-n8n         hostile requests in-process only
 *   npm run reliability -- --hostile 10000 --runs 50 --seed 20261122 --keep
 *   npm run reliability -- --n8n 2 --out some/dir  (the real-n8n part on n8n 2.41.1 instead)
 *
 * The same matrix, cases and arbitraries as test/reliability (jest); this runner counts instead of
 * asserting. Exit code 1 when a duplicate, a secret, an unhandled error or a workflow run by a
 * hostile request was found.
 */
import './reliability/resolveNodeTs';

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { CaseResult } from '../test/reliability/lib/runCase';
import { World } from '../test/reliability/lib/world';
import { formatDuration, info, warn } from './lib/log';
import { stopAll } from './lib/processes';
import { printUsageIfAsked } from './lib/usage';
import { runOnRealN8n, REAL_N8N_VERSION, type RealN8nRun } from './reliability/realN8n';
import { renderJson, renderMarkdown, type Report } from './reliability/render';
import { add, badInput, clockSkew, emptyTally, faultMatrix, fuzzTally, hostileInProcess, restart, type HostileResult } from './reliability/sections';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'skip-n8n': { type: 'boolean', default: false },
		hostile: { type: 'string', default: '10000' },
		runs: { type: 'string' },
		seed: { type: 'string', default: '20261122' },
		keep: { type: 'boolean', default: false },
		n8n: { type: 'string', default: REAL_N8N_VERSION },
		out: { type: 'string', default: 'docs' },
		help: { type: 'boolean', default: false },
	},
});

const root = path.resolve(__dirname, '..');

/** Progress lines: straight to stdout, as the in-process world captures (and silences) the console. */
function say(message: string): void {
	process.stdout.write(`[printos] ${message}\n`);
}

function commit(): string {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

async function main(): Promise<void> {
	if (printUsageIfAsked(args.help, __filename)) return;
	const started = Date.now();
	const quick = args.quick ?? false;
	const hostileCount = Number(args.hostile);
	const runs = Number(args.runs ?? (quick ? 10 : 50));
	const seed = Number(args.seed);
	const timings: Array<[string, number]> = [];
	const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
		const at = Date.now();
		say(`${label} ...`);
		try {
			return await fn();
		} finally {
			timings.push([label, Date.now() - at]);
			say(`${label}: ${formatDuration(Date.now() - at)}`);
		}
	};

	const world = await World.start({ silentConsole: true });
	let matrix: CaseResult[];
	let clock: Awaited<ReturnType<typeof clockSkew>>;
	let fuzz: Awaited<ReturnType<typeof badInput>>;
	try {
		matrix = await timed(`fault matrix (${quick ? 'representative set' : 'every operation'})`, () => faultMatrix(world, { quick, progress: (text) => say(`  ${text}`) }));
		clock = await timed('clock skew', () => clockSkew(world));
		fuzz = await timed(`bad input (${runs} runs per operation, seed ${seed})`, () => badInput(world, { runs, seed }));
		world.scanLogs('end of the in-process runs');
	} finally {
		await world.close();
	}
	const restarted = await timed('restart with --data', () => restart());

	let real: RealN8nRun | undefined;
	let realError: string | undefined;
	let hostile: HostileResult;
	if (!args['skip-n8n']) {
		try {
			real = await timed(`real n8n ${args.n8n}: faults, ${hostileCount} hostile requests, secrets in executions and logs`, () => runOnRealN8n({ hostileCount, keep: args.keep, version: args.n8n }));
		} catch (error) {
			realError = error instanceof Error ? error.message : String(error);
			warn(`real n8n unavailable: ${realError.split('\n')[0]}`);
		}
	} else {
		realError = 'skipped (--skip-n8n)';
	}
	if (real) {
		hostile = {
			where: `real n8n ${real.figures.n8nVersion} (webhook on 127.0.0.1, workflow active)`,
			summary: real.figures.hostile,
			ranAWorkflow: real.figures.hostileRequestsThatRanAWorkflow,
			controlRan: !real.figures.problems.some((problem) => /control postback/.test(problem)),
			findings: real.figures.findings,
		};
	} else {
		hostile = await timed(`hostile requests in-process (${hostileCount})`, () => hostileInProcess(hostileCount));
	}

	const tally = emptyTally();
	for (const result of matrix) add(tally, result);
	for (const result of clock) add(tally, result.tally);
	add(tally, restarted.result.tally);
	add(tally, fuzzTally(fuzz));
	if (real) add(tally, real.figures);
	const findings = [...world.scanner.findings, ...restarted.scanner.findings, ...hostile.findings];

	const report: Report = {
		generatedAt: new Date().toISOString(),
		commit: commit(),
		durationMs: Date.now() - started,
		options: { quick, runs, seed, hostileCount },
		tally,
		matrix,
		clock,
		restart: restarted.result,
		fuzz,
		hostile,
		real,
		realError,
		secrets: {
			findings,
			scans: world.scanner.scans + restarted.scanner.scans,
			scannedChars: world.scanner.scannedChars + restarted.scanner.scannedChars + (real?.figures.scannedChars ?? 0),
			signatures: world.scanner.signatureCount + restarted.scanner.signatureCount + (real?.figures.signatures ?? 0),
			labels: world.scanner.secretLabels,
		},
		timings,
	};
	const outDir = path.resolve(root, args.out ?? 'docs');
	fs.mkdirSync(outDir, { recursive: true });
	const json = renderJson(report);
	fs.writeFileSync(path.join(outDir, 'reliability.json'), `${JSON.stringify(json, null, 2)}\n`);
	fs.writeFileSync(path.join(outDir, 'reliability.md'), renderMarkdown(report));
	info(`Wrote ${path.relative(process.cwd(), path.join(outDir, 'reliability.md'))} and reliability.json in ${formatDuration(Date.now() - started)}`);
	console.log(JSON.stringify(json, null, 2));
	const critical = json.duplicateOrders + json.secretsFound + json.unhandledErrors + json.hostileRequestsThatRanAWorkflow + (json.signedRequestsToForeignHosts ?? 0);
	process.exitCode = critical > 0 ? 1 : 0;
}

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 2;
	})
	.finally(() => stopAll().then(() => process.exit()));
