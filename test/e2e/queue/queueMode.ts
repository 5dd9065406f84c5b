/**
 * n8n's queue mode for real (n8n 2.x): PostgreSQL and Redis, one main process, two workers and a
 * webhook processor, all loading this package (scripts/lib/queueCluster.ts). Proven here:
 * - the example workflows run on the workers, started through the webhook processor (each
 *   example's manual trigger swapped for a Webhook node), with binary data in the database mode:
 *   the artwork PDF a worker wrote is read back through the main process;
 * - the credentials' Test button (main process): the right secret passes, a wrong one fails;
 * - the Site Flow Trigger through the webhook processor: one execution per postback, each run by
 *   a worker; a wrong token gets 401 and runs nothing (the trigger scenario, pointed at it);
 * - both workers run executions.
 * Every process and server started here is stopped at the end, also when a step fails.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_REFS, sandboxCredentials } from '../../../scripts/lib/credentials';
import { loadExamples } from '../../../scripts/lib/examples';
import { startMailSink, type MailSink } from '../../../scripts/lib/mailSink';
import { activateWorkflow, importCredentials, importWorkflows, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import type { N8nInstall } from '../../../scripts/lib/n8nHost';
import { sleep } from '../../../scripts/lib/n8nServer';
import { installTarball } from '../../../scripts/lib/packageTarball';
import { freePort } from '../../../scripts/lib/ports';
import { executionsStartedBy, startQueueCluster, type QueueCluster } from '../../../scripts/lib/queueCluster';
import { sandboxCredentialData, startSandbox, type Sandbox } from '../../../scripts/lib/sandbox';
import { EXAMPLE_IDS } from '../../../scripts/examples/build';
import { e2eSetup, openE2eEnv } from '../env';
import { check, checkEqual, excerpt } from '../harness';
import { triggerScenario } from '../scenarios/trigger';

export const QUEUE_MODE_SCENARIO = 'Queue mode: main, two workers and a webhook processor on PostgreSQL and Redis';

/** The examples that start by hand, each started here by a Webhook node on the webhook processor. */
const STARTED_BY_WEBHOOK = [
	{ example: EXAMPLE_IDS.webshop, id: 'queueWebshop0001', manual: 'Start', path: 'queue-webshop', responseData: 'firstEntryJson' },
	{ example: EXAMPLE_IDS.boxIntake, id: 'queueBoxIntake01', manual: 'Start', path: 'queue-box-intake', responseData: 'firstEntryJson' },
	{ example: EXAMPLE_IDS.reconciliation, id: 'queueReconcile01', manual: 'Run now', path: 'queue-reconcile', responseData: 'allEntries' },
] as const;

function startedByWebhook(example: WorkflowJson, wrap: (typeof STARTED_BY_WEBHOOK)[number]): WorkflowJson {
	const nodes = (example.nodes as Array<Record<string, any>>).map((node) =>
		node.name === wrap.manual
			? {
					...node,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: crypto.randomUUID(),
					parameters: { httpMethod: 'POST', path: wrap.path, responseMode: 'lastNode', responseData: wrap.responseData, options: {} },
				}
			: node,
	);
	return { ...example, id: wrap.id, name: `Queue mode: ${example.name}`, nodes, active: false };
}

export interface QueueModeRun {
	install: N8nInstall;
	tarball: string;
	tmpDir: string;
	log(message: string): void;
}

export async function runQueueModeScenario(run: QueueModeRun): Promise<void> {
	const logDir = path.join(run.tmpDir, 'queue-logs');
	fs.mkdirSync(logDir, { recursive: true });
	let sandbox: Sandbox | undefined;
	let mail: MailSink | undefined;
	let cluster: QueueCluster | undefined;
	try {
		mail = await startMailSink(0);
		sandbox = await startSandbox({ port: await freePort(), quiet: true, logFile: path.join(logDir, 'sandbox.log') });
		const examples = loadExamples().map((example) => example.workflow);
		// the webhook processor's URL is known only once the cluster runs; the env below carries it
		const setup = e2eSetup({ install: run.install, sandbox, mail, n8nUrl: '' });
		const wrapped = STARTED_BY_WEBHOOK.map((wrap) => startedByWebhook(examples.find((example) => example.id === wrap.example)!, wrap));
		cluster = await startQueueCluster(run.install, {
			userFolder: path.join(run.tmpDir, 'queue-user'),
			logDir,
			workers: 2,
			workerConcurrency: 1,
			prepare: async (instance) => {
				await installTarball(instance.userFolder, run.tarball);
				await importCredentials(instance, sandboxCredentials(setup));
				await importWorkflows(instance, [...examples, ...wrapped, ...(triggerScenario.workflows?.(setup) ?? [])]);
				for (const id of [...wrapped.map((w) => w.id), ...(triggerScenario.activate ?? [])]) await activateWorkflow(instance, id);
			},
		});
		run.log(`queue mode up: main ${cluster.main.url}, webhook processor ${cluster.webhook.url}`);
		// The main process answers the owner's session and the public API; postbacks go to the webhook processor.
		const env = await openE2eEnv({
			setup: { ...setup, n8nUrl: cluster.webhook.url },
			install: run.install,
			instance: cluster.instance,
			server: cluster.main,
			sandbox,
			mail,
			tmpDir: run.tmpDir,
			log: run.log,
		});
		const { session, executions } = env;

		// The credentials' Test button: answered by the main process.
		const credentialData = sandboxCredentialData(sandbox.url, sandbox.orderServiceUrl);
		const test = async (secret: string) =>
			await session.request('POST', '/rest/credentials/test', {
				credentials: { ...CREDENTIAL_REFS.siteFlow, data: { ...credentialData.siteFlowApi, secret } },
			});
		const right = await test(credentialData.siteFlowApi.secret);
		checkEqual(right?.status, 'OK', `credential test with the right secret (${excerpt(right)})`);
		const wrong = await test('not-the-secret');
		checkEqual(wrong?.status, 'Error', `credential test with a wrong secret (${excerpt(wrong)})`);
		check(!JSON.stringify(wrong).includes('not-the-secret'), 'the credential test answer shows the secret');

		// The examples, started through the webhook processor: two at once, so both workers work.
		const call = async (wrap: (typeof STARTED_BY_WEBHOOK)[number]) => {
			const response = await fetch(`${cluster!.webhook.url}/webhook/${wrap.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			const text = await response.text();
			check(response.ok, `${wrap.path} answered ${response.status}: ${excerpt(text)}`);
			return JSON.parse(text);
		};
		const [webshop, intake] = await Promise.all([call(STARTED_BY_WEBHOOK[0]), call(STARTED_BY_WEBHOOK[1])]);
		check(webshop?.siteFlowOrderId, `the web-shop example returned no order: ${excerpt(webshop)}`);
		checkEqual((await sandbox.admin('GET', `orders?sourceOrderId=${encodeURIComponent(webshop.sourceOrderId)}`)).orders.length, 1, 'orders in the sandbox for the web-shop example');
		check(intake?._id && intake?.folderId, `the Box intake example returned no file: ${excerpt(intake)}`);
		const summary = await call(STARTED_BY_WEBHOOK[2]);
		check(Array.isArray(summary) && summary.length > 0, `the reconciliation summarised nothing: ${excerpt(summary)}`);

		// Binary data in the database: the artwork a worker wrote, read through the main process.
		const [webshopRun] = await executions(STARTED_BY_WEBHOOK[0].id);
		const binary = webshopRun?.data?.resultData?.runData?.['Artwork PDF']?.[0]?.data?.main?.[0]?.[0]?.binary?.data;
		check(typeof binary?.id === 'string' && binary.id.startsWith('database:'), `the artwork is not stored in the database binary mode: ${excerpt(binary)}`);
		const download = await fetch(`${cluster.main.url}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`, {
			headers: { cookie: session.authCookie, 'browser-id': 'printos-scripts' },
		});
		const bytes = Buffer.from(await download.arrayBuffer());
		check(download.ok && bytes.subarray(0, 5).toString() === '%PDF-', `the main process could not read the worker's artwork (${download.status}: ${excerpt(bytes.toString('utf8', 0, 200))})`);

		// The postback trigger through the webhook processor (the trigger scenario, unchanged).
		await triggerScenario.run(env);

		// Every execution started through the webhook processor ran on a worker, and both worked.
		await sleep(1000);
		const viaWebhooks = (
			await Promise.all([...STARTED_BY_WEBHOOK.map((wrap) => wrap.id), ...(triggerScenario.activate ?? [])].map(executions))
		)
			.flat()
			.filter((execution) => execution.mode !== 'cli');
		const byWorker = cluster.workers.map(executionsStartedBy);
		for (const execution of viaWebhooks) {
			check(byWorker.some((ids) => ids.has(String(execution.id))), `execution ${execution.id} (${execution.mode}) was not run by a worker`);
			checkEqual(byWorker.filter((ids) => ids.has(String(execution.id))).length, 1, `workers that ran execution ${execution.id}`);
		}
		check(byWorker.every((ids) => ids.size > 0), `not every worker ran an execution: ${byWorker.map((ids) => ids.size).join(', ')}`);
		run.log(`${viaWebhooks.length} executions through the webhook processor; per worker: ${byWorker.map((ids) => ids.size).join(', ')}`);
	} finally {
		await cluster?.stop();
		await sandbox?.stop();
		await mail?.close();
	}
}
