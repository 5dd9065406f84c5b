/**
 * The n8n server most sections measure in: one n8n process with SQLite and filesystem binary
 * data, the packed package installed as a community package, the benchmark's credentials and
 * workflows imported and their webhooks active. (The queue section brings its own processes.)
 */
import crypto from 'node:crypto';
import path from 'node:path';

import { sandboxCredentials } from '../lib/credentials';
import { createInstance } from '../lib/instance';
import { timed, warn } from '../lib/log';
import { activateWorkflow, importCredentials, importWorkflows } from '../lib/n8nCli';
import type { N8nInstance } from '../lib/n8nEnv';
import type { N8nInstall } from '../lib/n8nHost';
import { createApiKey, ensureOwner, publicApi, startN8nServer, type N8nServer } from '../lib/n8nServer';
import { installTarball, packPackage } from '../lib/packageTarball';
import type { Sandbox } from '../lib/sandbox';
import { downloadWorkflows, DOWNLOAD_WF } from './download';
import { SWEEP_ACTIVE, sweepWorkflows } from './latencySweep';
import type { N8nTarget } from './n8nRun';
import { ACTIVE_WORKFLOWS as BENCH_WORKFLOWS, benchCredentials, benchWorkflows } from './workflows';

export interface BenchServer {
	install: N8nInstall;
	instance: N8nInstance;
	server: N8nServer;
	sandbox: Sandbox;
	target: N8nTarget;
	/** The only folder n8n may read files from (N8N_RESTRICT_FILE_ACCESS_TO). */
	filesDir: string;
	postbackToken: string;
}

/** What-if settings of our nodes in the imported workflows; undefined means their defaults. */
export interface WhatIf {
	itemsInParallel?: number;
	triggerVersion?: number;
}

const ACTIVE_WORKFLOWS = [...BENCH_WORKFLOWS, ...SWEEP_ACTIVE];

async function activateAll(ctx: BenchServer, ids: string[]): Promise<boolean> {
	try {
		for (const id of ids) await publicApi(ctx.target.url, ctx.target.apiKey, 'POST', `/workflows/${id}/activate`);
		return true;
	} catch (error) {
		warn(`Activating through the public API failed (${(error as Error).message.slice(0, 200)}); activating with the CLI and restarting n8n`);
		return false;
	}
}

export async function startBenchServer(install: N8nInstall, tmpDir: string, sandbox: Sandbox, filesDir: string, whatIf: WhatIf): Promise<BenchServer> {
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
			...benchWorkflows(sandbox.url, whatIf),
			...sweepWorkflows(),
			...downloadWorkflows(),
		]);
	});
	let server = await timed(`Starting n8n ${install.version}`, () => startN8nServer(instance));
	const owner = { email: 'bench@example.com', password: 'Bench-Passw0rd', firstName: 'Bench', lastName: 'Runner' };
	const session = await ensureOwner(server.url, owner);
	const apiKey = await createApiKey(session);
	const ctx: BenchServer = {
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
