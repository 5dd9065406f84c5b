/**
 * `npm run test:e2e`: the package inside real n8n installs, end to end.
 * For each pinned n8n version (2.41.1 on Node 24, then 1.123.50 on this machine's Node):
 * a temporary user folder with the packed tarball installed as a community package, the PrintOS
 * sandbox, a mail sink, the credentials and workflows imported, `n8n start`, then every scenario
 * in test/e2e (and the browser check on 2.x). On 2.x also n8n's queue mode (test/e2e/queue/queueMode.ts). Prints PASS/FAIL per scenario and, as the last
 * line, "N passed, M failed"; exits non-zero on any failure. Every process started is stopped,
 * also when a step fails.
 *
 *   npm run test:e2e                          all versions, all scenarios
 *   npm run test:e2e -- --n8n 2 --only http   one version, scenarios whose name contains "http"
 *   npm run test:e2e -- --only polling,box    scenarios whose name contains either
 *   npm run test:e2e -- --skip-browser --keep (keep the temporary folders for inspection)
 *   npm run test:e2e -- --n8n 2 --only queue  n8n's queue mode alone (PostgreSQL, Redis, workers)
 *   npm run test:e2e -- --skip-queue          without it
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { scenarios as allScenarios } from '../test/e2e';
import { QUEUE_MODE_SCENARIO, runQueueModeScenario } from '../test/e2e/queue/queueMode';
import { e2eSetup, openE2eEnv } from '../test/e2e/env';
import type { E2eEnv, Scenario } from '../test/e2e/harness';
import { ensureChromium } from './lib/chromium';
import { sandboxCredentials } from './lib/credentials';
import { createInstance } from './lib/instance';
import { formatDuration, info } from './lib/log';
import { startMailSink, type MailSink } from './lib/mailSink';
import { activateWorkflow, importCredentials, importWorkflows } from './lib/n8nCli';
import { ensureN8n, N8N_VERSIONS, resolveN8nVersion, type N8nInstall, type N8nVersion } from './lib/n8nHost';
import { startN8nServer, type N8nServer } from './lib/n8nServer';
import { buildPackage, installTarball, packPackage } from './lib/packageTarball';
import { freePort } from './lib/ports';
import { stopAll, tail } from './lib/processes';
import { startSandbox, type Sandbox } from './lib/sandbox';
import { printUsageIfAsked } from './lib/usage';

const { values: args } = parseArgs({
	options: {
		n8n: { type: 'string' },
		only: { type: 'string' },
		'skip-browser': { type: 'boolean', default: false },
		'skip-queue': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

const SCENARIO_TIMEOUT_MS = 5 * 60_000;

interface Result {
	version: string;
	name: string;
	ok: boolean;
	ms: number;
	detail?: string;
}

const results: Result[] = [];
const timings: Array<[string, number]> = [];

async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, Date.now() - started]);
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout;
	return Promise.race([
		promise.finally(() => clearTimeout(timer)),
		new Promise<T>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
		}),
	]);
}

function record(result: Result): void {
	results.push(result);
	const mark = result.ok ? 'PASS' : 'FAIL';
	console.log(`  ${mark}  [n8n ${result.version}] ${result.name} (${formatDuration(result.ms)})`);
	if (!result.ok && result.detail) console.log(result.detail.replace(/^/gm, '        '));
}

function selectedVersions(): N8nVersion[] {
	if (!args.n8n) return N8N_VERSIONS;
	return args.n8n.split(',').map((v) => resolveN8nVersion(v.trim()));
}

function selectedScenarios(major: number, browserError: string | undefined): Scenario[] {
	return allScenarios.filter((s) => {
		if (s.majors && !s.majors.includes(major)) return false;
		if (!onlySelects(s.name)) return false;
		if (s.name.startsWith('Browser') && (args['skip-browser'] || browserError === 'skipped')) return false;
		return true;
	});
}

async function runVersion(install: N8nInstall, tarball: string, browserError: string | undefined): Promise<void> {
	const version = install.version;
	const scenarios = selectedScenarios(install.major, browserError);
	console.log(`\n=== n8n ${version} on ${install.runtime.label}: ${scenarios.length} scenario(s) ===`);
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `printos-e2e-${version}-`));
	const logDir = path.join(tmpDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	let mail: MailSink | undefined;
	let failed = false;
	let env: E2eEnv | undefined;
	const setupStarted = Date.now();
	try {
		env = await measure(`n8n ${version}: setup in all`, async () => {
			const v = `n8n ${version}:`;
			mail = await startMailSink(0);
			sandbox = await measure(`${v} start the sandbox`, async () =>
				startSandbox({ port: await freePort(), quiet: true, logFile: path.join(logDir, 'sandbox.log') }),
			);
			const instance = await createInstance(install, { userFolder: path.join(tmpDir, 'user'), logDir });
			await measure(`${v} install the tarball`, () => installTarball(instance.userFolder, tarball));
			const setup = e2eSetup({ install, sandbox, mail, n8nUrl: `http://127.0.0.1:${instance.port}` });
			await measure(`${v} import credentials (first CLI run: migrations)`, () =>
				importCredentials(instance, [
					...sandboxCredentials(setup),
					...scenarios.flatMap((s) => s.credentials?.(setup) ?? []),
				]),
			);
			await measure(`${v} import workflows`, () => importWorkflows(instance, scenarios.flatMap((s) => s.workflows?.(setup) ?? [])));
			const toActivate = scenarios.flatMap((s) => s.activate ?? []);
			await measure(`${v} activate ${toActivate.length} workflow(s)`, async () => {
				for (const id of toActivate) await activateWorkflow(instance, id);
			});
			server = await measure(`${v} n8n start (until webhooks are up)`, () => startN8nServer(instance));
			return await openE2eEnv({
				setup,
				install,
				instance,
				server,
				sandbox,
				mail,
				tmpDir,
				log: (message: string) => console.log(`        ${message}`),
			});
		});
		info(`n8n ${version} ready for scenarios in ${formatDuration(Date.now() - setupStarted)} (logs: ${logDir})`);
	} catch (error) {
		failed = true;
		const detail = `setup failed: ${error instanceof Error ? error.message : error}`;
		for (const scenario of scenarios) record({ version, name: scenario.name, ok: false, ms: 0, detail });
	}

	if (env) {
		for (const scenario of scenarios) {
			if (scenario.name.startsWith('Browser') && browserError) {
				record({ version, name: scenario.name, ok: false, ms: 0, detail: browserError });
				failed = true;
				continue;
			}
			const started = Date.now();
			try {
				await measure(`n8n ${version}: ${scenario.name}`, () =>
					withTimeout(scenario.run(env!), scenario.timeoutMs ?? SCENARIO_TIMEOUT_MS, scenario.name),
				);
				record({ version, name: scenario.name, ok: true, ms: Date.now() - started });
			} catch (error) {
				failed = true;
				const message = error instanceof Error ? (error.name === 'CheckError' ? error.message : error.stack ?? error.message) : String(error);
				record({ version, name: scenario.name, ok: false, ms: Date.now() - started, detail: message });
			}
		}
	}

	if (failed) {
		const n8nLog = server ? tail((server as N8nServer).proc.output(), 30) : '';
		if (n8nLog) console.log(`  --- last lines of the n8n ${version} log ---\n${n8nLog.replace(/^/gm, '  | ')}`);
	}
	await (server as N8nServer | undefined)?.stop();
	await (sandbox as Sandbox | undefined)?.stop();
	await (mail as MailSink | undefined)?.close();
	if (failed || args.keep) info(`Kept ${tmpDir} for inspection`);
	else fs.rmSync(tmpDir, { recursive: true, force: true });
}

function queueModeSelected(major: number): boolean {
	if (major < 2 || args['skip-queue']) return false;
	return !args.only || onlySelects(QUEUE_MODE_SCENARIO);
}

/** `--only a,b`: the scenario's name contains one of the parts. */
function onlySelects(name: string): boolean {
	return !args.only || args.only.split(',').some((part) => name.toLowerCase().includes(part.trim().toLowerCase()));
}

/** Queue mode has its own n8n processes, database and Redis (test/e2e/queue/queueMode.ts). */
async function runQueueMode(install: N8nInstall, tarball: string): Promise<void> {
	console.log(`\n=== n8n ${install.version} in queue mode ===`);
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `printos-e2e-queue-${install.version}-`));
	const started = Date.now();
	let ok = false;
	try {
		await measure(`n8n ${install.version}: ${QUEUE_MODE_SCENARIO}`, () =>
			withTimeout(runQueueModeScenario({ install, tarball, tmpDir, log: (message) => console.log(`        ${message}`) }), 2 * SCENARIO_TIMEOUT_MS, QUEUE_MODE_SCENARIO),
		);
		ok = true;
		record({ version: install.version, name: QUEUE_MODE_SCENARIO, ok, ms: Date.now() - started });
	} catch (error) {
		const message = error instanceof Error ? (error.name === 'CheckError' ? error.message : error.stack ?? error.message) : String(error);
		record({ version: install.version, name: QUEUE_MODE_SCENARIO, ok, ms: Date.now() - started, detail: `${message}\n(logs: ${tmpDir})` });
	}
	if (ok && !args.keep) fs.rmSync(tmpDir, { recursive: true, force: true });
	else info(`Kept ${tmpDir} for inspection`);
}

async function main(): Promise<void> {
	if (printUsageIfAsked(args.help, __filename)) return;
	const started = Date.now();
	const versions = selectedVersions();
	const wantBrowser = !args['skip-browser'] && versions.some((v) => v.major >= 2);
	info(`e2e on n8n ${versions.map((v) => v.version).join(' and ')}${wantBrowser ? ', with the browser check' : ''}`);

	// The slow, independent preparations run side by side: installs (network and compiling),
	// the package build, and Debian's chromium.
	const [installs, , browserError] = await Promise.all([
		Promise.all(versions.map((v) => measure(`install n8n ${v.version} (or reuse)`, () => ensureN8n(v)))),
		measure('build the package', () => buildPackage()),
		wantBrowser
			? measure('chromium (apt-get when missing)', () => ensureChromium().then(() => undefined, (e: Error) => `chromium unavailable: ${e.message}`))
			: Promise.resolve('skipped'),
	]);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'printos-e2e-pack-'));
	try {
		const tarball = await packPackage(packDir);
		for (const install of installs) {
			if (selectedScenarios(install.major, browserError).length > 0) await runVersion(install, tarball, browserError);
			if (queueModeSelected(install.major)) await runQueueMode(install, tarball);
		}
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}

	console.log('\nTimings:');
	for (const [label, ms] of timings) console.log(`  ${formatDuration(ms).padStart(7)}  ${label}`);
	console.log(`  ${formatDuration(Date.now() - started).padStart(7)}  total`);
	const passed = results.filter((r) => r.ok).length;
	const failedResults = results.filter((r) => !r.ok);
	if (failedResults.length) {
		console.log('\nFailed:');
		for (const r of failedResults) console.log(`  [n8n ${r.version}] ${r.name}`);
	}
	console.log(`\n${passed} passed, ${failedResults.length} failed`);
	process.exitCode = failedResults.length || results.length === 0 ? 1 : 0;
}

main()
	.catch((error) => {
		console.error(error);
		console.log(`\n${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
		process.exitCode = 1;
	})
	.finally(() => stopAll());
