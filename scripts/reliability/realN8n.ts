/**
 * A real n8n for `npm run reliability`: the same setup scripts/e2e.ts does for one version
 * (n8n 1.123.50 on this machine's Node, installed into the cache on first use), with the package
 * built and packed in a temporary folder, so the report never touches the working tree's dist/.
 * Runs the reliability e2e scenario's checks and returns its figures. Every process started is
 * stopped through scripts/lib/processes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runReliabilityOnRealN8n, reliabilityScenario, type RealN8nFigures } from '../../test/reliability/e2e';
import { e2eSetup, openE2eEnv } from '../../test/e2e/env';
import { sandboxCredentials } from '../lib/credentials';
import { createInstance } from '../lib/instance';
import { formatDuration, info } from '../lib/log';
import { startMailSink, type MailSink } from '../lib/mailSink';
import { activateWorkflow, importCredentials, importWorkflows } from '../lib/n8nCli';
import { ensureN8n, resolveN8nVersion } from '../lib/n8nHost';
import { startN8nServer, type N8nServer } from '../lib/n8nServer';
import { installTarball } from '../lib/packageTarball';
import { repoRoot } from '../lib/paths';
import { freePort } from '../lib/ports';
import { runOrThrow } from '../lib/processes';
import { startSandbox, type Sandbox } from '../lib/sandbox';

export const REAL_N8N_VERSION = '1.123.50';

function copyMatching(from: string, to: string, pattern: RegExp): void {
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		if (entry.isDirectory()) copyMatching(source, path.join(to, entry.name), pattern);
		else if (pattern.test(entry.name)) {
			fs.mkdirSync(to, { recursive: true });
			fs.copyFileSync(source, path.join(to, entry.name));
		}
	}
}

/** `npm run build` + `npm pack`, into `dir` instead of the working tree (tsc, then the icons and codex files gulp copies). */
export async function packIntoTemp(dir: string): Promise<string> {
	const pkg = path.join(dir, 'package');
	fs.mkdirSync(pkg, { recursive: true });
	await runOrThrow(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', path.join(repoRoot, 'tsconfig.json'), '--outDir', path.join(pkg, 'dist')], { cwd: repoRoot });
	copyMatching(path.join(repoRoot, 'nodes'), path.join(pkg, 'dist', 'nodes'), /\.(png|svg)$|\.node\.json$/);
	copyMatching(path.join(repoRoot, 'credentials'), path.join(pkg, 'dist', 'credentials'), /\.(png|svg)$/);
	for (const file of ['package.json', 'index.js', 'README.md', 'LICENSE']) {
		if (fs.existsSync(path.join(repoRoot, file))) fs.copyFileSync(path.join(repoRoot, file), path.join(pkg, file));
	}
	const output = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: pkg });
	const json = JSON.parse(output.slice(output.indexOf('[')));
	return path.join(dir, json[0].filename);
}

export interface RealN8nRun {
	figures: RealN8nFigures;
	setupMs: number;
	runMs: number;
}

export async function runOnRealN8n(options: { hostileCount: number; keep?: boolean; version?: string }): Promise<RealN8nRun> {
	const setupStarted = Date.now();
	const install = await ensureN8n(resolveN8nVersion(options.version ?? REAL_N8N_VERSION));
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'printos-reliability-n8n-'));
	const logDir = path.join(tmpDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	let mail: MailSink | undefined;
	try {
		info('Building and packing the package into a temporary folder ...');
		const tarball = await packIntoTemp(path.join(tmpDir, 'pack'));
		mail = await startMailSink(0);
		sandbox = await startSandbox({ port: await freePort(), quiet: true, logFile: path.join(logDir, 'sandbox.log') });
		const instance = await createInstance(install, { userFolder: path.join(tmpDir, 'user'), logDir });
		await installTarball(instance.userFolder, tarball);
		const setup = e2eSetup({ install, sandbox, mail, n8nUrl: `http://127.0.0.1:${instance.port}` });
		info('Importing credentials and workflows (first CLI run migrates the database) ...');
		await importCredentials(instance, [
			...sandboxCredentials(setup),
			...(reliabilityScenario.credentials?.(setup) ?? []),
		]);
		await importWorkflows(instance, reliabilityScenario.workflows?.(setup) ?? []);
		for (const id of reliabilityScenario.activate ?? []) await activateWorkflow(instance, id);
		info(`Starting n8n ${install.version} ...`);
		server = await startN8nServer(instance);
		const env = await openE2eEnv({
			setup,
			install,
			instance,
			server,
			sandbox,
			mail,
			tmpDir,
			log: (message: string) => info(message),
			owner: { email: 'owner@example.com', password: 'Reliability-Passw0rd', firstName: 'Reliability', lastName: 'Owner' },
		});
		const setupMs = Date.now() - setupStarted;
		info(`n8n ${install.version} ready in ${formatDuration(setupMs)}; running the reliability checks ...`);
		const runStarted = Date.now();
		const figures = await runReliabilityOnRealN8n(env, { hostileCount: options.hostileCount });
		return { figures, setupMs, runMs: Date.now() - runStarted };
	} finally {
		await server?.stop();
		await sandbox?.stop();
		await mail?.close();
		if (options.keep) info(`Kept ${tmpDir}`);
		else fs.rmSync(tmpDir, { recursive: true, force: true });
	}
}
