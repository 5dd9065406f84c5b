/**
 * n8n in queue mode on one machine, as a business runs it at scale: PostgreSQL and Redis
 * (queueServices.ts), one main process (editor, API, credential tests), workers that run the
 * executions, and a webhook processor that receives production webhooks and queues them. All
 * share the encryption key, the database and the user folder with the installed package.
 */
import fs from 'node:fs';
import path from 'node:path';

import { info } from './log';
import { n8nCommand, n8nEnv, type N8nInstance } from './n8nEnv';
import type { N8nInstall } from './n8nHost';
import { startN8nServer, waitFor, type N8nServer } from './n8nServer';
import { createInstance } from './instance';
import { freePort } from './ports';
import { startProcess, type ManagedProcess } from './processes';
import { queueModeEnv, startQueueServices, type QueueServices } from './queueServices';

export interface QueueCluster {
	instance: N8nInstance;
	services: QueueServices;
	main: N8nServer;
	workers: ManagedProcess[];
	webhook: { url: string; proc: ManagedProcess };
	/** Stops n8n's processes, then PostgreSQL and Redis; safe to call twice. */
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	userFolder: string;
	logDir: string;
	workers: number;
	/** Jobs one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** Runs with the queue-mode instance before any n8n process starts: install, imports, activation. */
	prepare(instance: N8nInstance): Promise<void>;
}

export async function startQueueCluster(install: N8nInstall, options: QueueClusterOptions): Promise<QueueCluster> {
	const services = await startQueueServices({ logDir: options.logDir });
	const started: Array<{ stop(): Promise<void> }> = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		for (const proc of started.reverse()) await proc.stop();
		await services.stop();
	};
	try {
		const instance = await createInstance(install, { userFolder: options.userFolder, logDir: options.logDir });
		const webhookPort = await freePort();
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		instance.extraEnv = { ...queueModeEnv(services), WEBHOOK_URL: `${webhookUrl}/` };
		await options.prepare(instance);
		fs.mkdirSync(options.logDir, { recursive: true });

		const main = await startN8nServer(instance);
		started.push(main);
		const spawnRole = async (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
			const [command, fullArgs] = n8nCommand(instance, args);
			const proc = startProcess(name, command, fullArgs, {
				env: { ...n8nEnv(instance, await freePort()), ...env },
				cwd: instance.userFolder,
				logFile: path.join(options.logDir, `${name}.log`),
			});
			started.push(proc);
			return proc;
		};
		const workers: ManagedProcess[] = [];
		for (let index = 1; index <= options.workers; index++) {
			workers.push(await spawnRole(`n8n-worker-${index}`, ['worker', `--concurrency=${options.workerConcurrency}`]));
		}
		const webhook = await spawnRole('n8n-webhook', ['webhook'], { N8N_PORT: String(webhookPort) });
		await Promise.all([
			...workers.map((worker) => worker.waitForOutput(/n8n worker is now ready/, 180_000)),
			webhook.waitForOutput(/Webhook listener waiting for requests/, 180_000),
		]);
		await waitFor('the webhook processor', async () => ((await fetch(`${webhookUrl}/healthz`)).ok ? true : undefined), 30_000);
		info(`n8n queue mode: main ${main.url}, ${workers.length} workers, webhook processor ${webhookUrl}`);
		return { instance, services, main, workers, webhook: { url: webhookUrl, proc: webhook }, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Execution ids a worker's log says it started ("Worker started execution 12 (job 5)"). */
export function executionsStartedBy(worker: ManagedProcess): Set<string> {
	return new Set([...worker.output().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}
