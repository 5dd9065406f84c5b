/**
 * Reliability and security against a real n8n (scripts/e2e.ts, and `npm run reliability`):
 *
 * 1. Faults through real n8n: Submit workflows, run with `n8n execute`, while the sandbox drops the
 *    connection after processing the order (Site Flow API, gateway, order service) and fails the
 *    lookups with 503s; then an error execution (an unknown Box folder). Exactly one order each.
 * 2. 10,000 hostile requests (2,500 on n8n 2.x, which answers them ten times slower) to an active
 *    Site Flow Trigger workflow (127.0.0.1 only, bounded concurrency): every one refused with a 4xx or acknowledged without effect; n8n keeps serving
 *    (a valid postback afterwards runs the workflow exactly once); no hostile request ran it.
 * 2b. Algorithmic complexity (issue 15): bodies built to make a parser slow, with the valid token, to
 *    triggers of both node versions whose event filter lets none through: answered, none ran anything.
 *    Signed requests to foreign hosts: a URL on another host and redirects to one; the other host
 *    must receive no signed request (complexity.ts).
 * 3. Secrets: the sandbox secret, the postback token and every full signature the sandbox received
 *    (recomputed from its request log) are looked for in n8n's execution data
 *    (`GET /api/v1/executions?includeData=true`), n8n's log, the CLI output, the answers to the
 *    hostile requests and the sandbox's request and postback logs without their headers.
 *
 * No node class is imported: scripts/e2e.ts loads this under plain tsx.
 */
import fs from 'node:fs';

import { describeFailure, nodeOutput, type ExecutionOutcome } from '../../../scripts/lib/n8nCli';
import { logFile } from '../../../scripts/lib/n8nEnv';
import { publicApi, sleep, waitFor } from '../../../scripts/lib/n8nServer';
import { POSTBACK_HEADER } from '../../../scripts/lib/credentials';
import { creds, sampleOrder, uniqueSourceOrderId } from '../../e2e/fixtures';
import { check, checkEqual, excerpt, node, workflow, type E2eEnv, type Scenario, type SetupInfo } from '../../e2e/harness';
import { hostileRequests, postbackBody, sendAll, summarise, type HostileSummary } from '../lib/hostile';
import { checkForeignHosts, complexityRequests, complexityWorkflow } from './complexity';
import { SecretScanner, signaturesFromRequestLog, withoutHeaders, type LoggedRequest, type SecretFinding } from '../lib/secrets';

export const HOSTILE_WORKFLOW_ID = 'relHostileFlow01';
export const HOSTILE_PATH = 'e2e-reliability-hostile';
const COMPLEXITY_TRIGGERS = [
	{ id: 'relComplexityV1', path: 'e2e-reliability-complexity-v1', typeVersion: 1, webhookId: '5b0e2f4c-1d3a-4e8b-9c7d-6a5f4e3d2c11' },
	{ id: 'relComplexityV2', path: 'e2e-reliability-complexity-v2', typeVersion: 2, webhookId: '5b0e2f4c-1d3a-4e8b-9c7d-6a5f4e3d2c12' },
];
const SANDBOX_SECRET = 'sandbox-secret';
const SANDBOX_IDENTITIES: Record<string, string> = { 'sandbox-key': SANDBOX_SECRET, 'sandbox-token': SANDBOX_SECRET };

interface SubmitCase {
	workflowId: string;
	name: string;
	auth: 'siteFlowApi' | 'printOsApi';
	submitTarget: 'siteFlowApi' | 'orderService';
	submitPath: string;
	/** The sandbox's front door for the POST (the order service's `/api/order` is on its own port). */
	family: string;
	lookupPath: string;
	sourceOrderId: string;
}

const SUBMIT_CASES: SubmitCase[] = [
	{ workflowId: 'relDropSiteFlow1', name: 'Site Flow API', auth: 'siteFlowApi', submitTarget: 'siteFlowApi', submitPath: '/api/order', family: 'siteFlow', lookupPath: '/api/order/bysourceid', sourceOrderId: '' },
	{ workflowId: 'relDropGateway01', name: 'gateway', auth: 'printOsApi', submitTarget: 'siteFlowApi', submitPath: '/siteflow/api/order', family: 'gatewaySiteFlow', lookupPath: '/siteflow/api/order/bysourceid', sourceOrderId: '' },
	{ workflowId: 'relDropOrderSvc1', name: 'order service', auth: 'siteFlowApi', submitTarget: 'orderService', submitPath: '/api/order', family: 'orderService', lookupPath: '/api/order/bysourceid', sourceOrderId: '' },
];
const ERROR_WORKFLOW_ID = 'relBoxError00001';

export interface RealN8nFigures {
	n8nVersion: string;
	requests: number;
	faultsInjected: number;
	itemsSucceeded: number;
	itemsFailedClearly: number;
	duplicateOrders: number;
	hostileRequests: number;
	hostileRequestsThatRanAWorkflow: number;
	/** The slowest answer to any hostile request, algorithmic-complexity ones included. */
	slowestHostileRequestMs: number;
	algorithmicComplexityRequests: number;
	signedRequestsToForeignHosts: number;
	hostile: HostileSummary;
	secretsFound: number;
	findings: SecretFinding[];
	scannedChars: number;
	signatures: number;
	problems: string[];
}

export interface ReliabilityOptions {
	hostileCount?: number;
	concurrency?: number;
}

function siteFlowNode(name: string, auth: SubmitCase['auth'], parameters: Record<string, unknown>) {
	return node(
		name,
		'n8n-nodes-printos.printOsSiteFlow',
		{ authentication: auth, ...parameters, requestOptions: { retryBaseMs: 5 } },
		{ credentials: auth === 'printOsApi' ? creds.gateway : creds.siteFlow, onError: 'continueRegularOutput' },
	);
}

function submitWorkflow(testCase: SubmitCase) {
	testCase.sourceOrderId = uniqueSourceOrderId('rel-');
	return workflow(
		testCase.workflowId,
		`Reliability: submit through a dropped connection (${testCase.name})`,
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			siteFlowNode('Submit', testCase.auth, {
				resource: 'order',
				operation: 'submit',
				submitTarget: testCase.submitTarget,
				inputMode: 'json',
				orderJson: JSON.stringify(sampleOrder(testCase.sourceOrderId)),
			}),
			siteFlowNode('Get', 'siteFlowApi', { resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: testCase.sourceOrderId, simplify: true }),
		],
		{
			Start: { main: [[{ node: 'Submit', type: 'main', index: 0 }]] },
			Submit: { main: [[{ node: 'Get', type: 'main', index: 0 }]] },
		},
	);
}

function errorWorkflow() {
	return workflow(
		ERROR_WORKFLOW_ID,
		'Reliability: an error execution (unknown Box folder, 5xx beyond the retries)',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node(
				'Box folder',
				'n8n-nodes-printos.printOsBox',
				{ resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' }, requestOptions: { retryBaseMs: 5, maxRetries: 1 } },
				{ credentials: creds.gateway },
			),
		],
		{ Start: { main: [[{ node: 'Box folder', type: 'main', index: 0 }]] } },
	);
}

function hostileWorkflow() {
	return workflow(
		HOSTILE_WORKFLOW_ID,
		'Reliability: Site Flow Trigger under hostile requests',
		[
			node(
				'Site Flow Trigger',
				'n8n-nodes-printos.printOsSiteFlowTrigger',
				{ httpMethod: 'POST', path: HOSTILE_PATH, authentication: 'headerToken', events: ['*'] },
				{ webhookId: '7c1d9e3a-55aa-4b6e-8f00-2e4d6c8b9a11', credentials: creds.postback },
			),
			node('Received', 'n8n-nodes-base.noOp'),
		],
		{ 'Site Flow Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	);
}

async function executionsOf(env: E2eEnv, workflowId: string): Promise<any[]> {
	const all: any[] = [];
	let cursor: string | undefined;
	do {
		const page = await publicApi(env.n8nUrl, env.apiKey, 'GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250${cursor ? `&cursor=${cursor}` : ''}`);
		all.push(...(page.data ?? []));
		cursor = page.nextCursor ?? undefined;
	} while (cursor && all.length < 20_000);
	return all;
}

/** The whole check; returns the figures and throws nothing for a finding (the caller decides). */
export async function runReliabilityOnRealN8n(env: E2eEnv, options: ReliabilityOptions = {}): Promise<RealN8nFigures> {
	const problems: string[] = [];
	const scanner = new SecretScanner();
	scanner.addSecret('the sandbox secret', SANDBOX_SECRET);
	scanner.addSecret('the postback token', env.postbackToken);
	const cliOutputs: string[] = [];
	const figures: RealN8nFigures = {
		n8nVersion: env.install.version,
		requests: 0,
		faultsInjected: 0,
		itemsSucceeded: 0,
		itemsFailedClearly: 0,
		duplicateOrders: 0,
		hostileRequests: 0,
		hostileRequestsThatRanAWorkflow: 0,
		slowestHostileRequestMs: 0,
		algorithmicComplexityRequests: 0,
		signedRequestsToForeignHosts: 0,
		hostile: { sent: 0, byKind: {}, refused: 0, acknowledged: 0, failed: 0, resets: 0, refusedByN8nCore: 0, slowestMs: 0, problems: [] },
		secretsFound: 0,
		findings: [],
		scannedChars: 0,
		signatures: 0,
		problems,
	};
	const statsBefore = await env.sandbox.admin('GET', 'stats');

	// 1. Submissions through dropped connections and failing lookups, in real n8n
	for (const testCase of SUBMIT_CASES) {
		await env.sandbox.admin('DELETE', 'faults');
		const faults = {
			dropAfterProcessing: { count: 1, match: { method: 'POST', path: testCase.submitPath, family: testCase.family } },
			failNext: { count: 2, status: 503, match: { method: 'GET', path: testCase.lookupPath } },
		};
		await env.sandbox.admin('POST', 'faults', faults);
		const outcome: ExecutionOutcome = await env.execute(testCase.workflowId);
		cliOutputs.push(outcome.output);
		const left = await env.sandbox.admin('GET', 'faults');
		await env.sandbox.admin('DELETE', 'faults');
		figures.faultsInjected += 3 - (left.dropAfterProcessing?.count ?? 0) - (left.failNext?.count ?? 0);
		const submitted = nodeOutput(outcome.run, 'Submit')[0];
		const got = nodeOutput(outcome.run, 'Get')[0];
		const orders = (await env.sandbox.admin('GET', `orders?sourceOrderId=${encodeURIComponent(testCase.sourceOrderId)}`)).orders.length;
		const refused = (await env.sandbox.admin('GET', 'submission-errors')).submissionErrors.filter((entry: any) => entry.sourceOrderId === testCase.sourceOrderId).length;
		figures.duplicateOrders += Math.max(0, orders + refused - 1);
		if (!outcome.ok) problems.push(`${testCase.name}: the workflow failed: ${describeFailure(outcome)}`);
		if (submitted?.submission?.outcome === 'confirmedAfterConnectionLoss' && got?.sourceOrderId === testCase.sourceOrderId) figures.itemsSucceeded += 2;
		else problems.push(`${testCase.name}: expected the order confirmed after the lost connection and then read: ${excerpt({ submitted, got })}`);
		if (orders + refused !== 1) problems.push(`${testCase.name}: ${orders} order(s) and ${refused} refused submission(s) for ${testCase.sourceOrderId}, expected exactly one`);
	}

	// an execution that fails: its error (message, description) goes into the execution data
	await env.sandbox.admin('POST', 'faults', { failNext: { count: 2, status: 500, match: { method: 'GET', path: '/box/api/partner/folder/' } } });
	const failed = await env.execute(ERROR_WORKFLOW_ID);
	cliOutputs.push(failed.output);
	const leftAfterError = await env.sandbox.admin('GET', 'faults');
	await env.sandbox.admin('DELETE', 'faults');
	figures.faultsInjected += 2 - (leftAfterError.failNext?.count ?? 0);
	const error = failed.run?.data.resultData.error;
	if (error?.message && /Internal Server Error/.test(error.message)) figures.itemsFailedClearly++;
	else problems.push(`the Box error execution did not fail with PrintOS's message: ${excerpt(error ?? failed.output.slice(-400))}`);

	// 2. Hostile requests against the active trigger workflow
	const url = `${env.n8nUrl}/webhook/${HOSTILE_PATH}`;
	await waitFor('the hostile-test webhook to be registered', async () => ((await fetch(url, { method: 'POST', body: '{}' })).status !== 404 ? true : undefined), 60_000);
	const before = (await executionsOf(env, HOSTILE_WORKFLOW_ID)).length;
	const count = options.hostileCount ?? 10_000;
	const requests = hostileRequests(
		{ webhookPath: HOSTILE_PATH, method: 'POST', headerName: POSTBACK_HEADER, token: env.postbackToken },
		{ count, seed: 11, oversizedBytes: 2 * 1024 * 1024, beyondLimitBytes: 16 * 1024 * 1024 },
	);
	const started = Date.now();
	const responses = await sendAll(env.n8nUrl, requests, options.concurrency ?? 16);
	env.log(`${count} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);

	// 2b. algorithmic complexity, both trigger versions, two at a time (each body is up to 1 MiB)
	for (const trigger of COMPLEXITY_TRIGGERS) {
		const triggerUrl = `${env.n8nUrl}/webhook/${trigger.path}`;
		await waitFor(`the complexity webhook (version ${trigger.typeVersion})`, async () => ((await fetch(triggerUrl, { method: 'POST', body: '{}' })).status !== 404 ? true : undefined), 60_000);
	}
	const complexity = COMPLEXITY_TRIGGERS.flatMap((trigger) => complexityRequests(trigger.path, POSTBACK_HEADER, env.postbackToken, trigger.typeVersion, requests.length));
	complexity.forEach((request, offset) => (request.index = requests.length + offset));
	const complexityStarted = Date.now();
	const complexityResponses = await sendAll(env.n8nUrl, complexity, 2);
	env.log(`${complexity.length} algorithmic-complexity postbacks in ${((Date.now() - complexityStarted) / 1000).toFixed(1)} s`);
	for (const response of complexityResponses) {
		if (response.status !== 200 && response.status !== 400) problems.push(`complexity postback ${response.index} was answered ${response.status ?? response.error}: ${response.body.slice(0, 200)}`);
	}
	figures.algorithmicComplexityRequests = complexity.length;
	requests.push(...complexity);
	responses.push(...complexityResponses);
	const summary = summarise(responses, requests, [env.postbackToken, SANDBOX_SECRET]);
	figures.slowestHostileRequestMs = summary.slowestMs;
	figures.hostile = summary;
	figures.hostileRequests = summary.sent;
	problems.push(...summary.problems);
	scanner.scan('answers to the hostile requests', responses.map((response) => ({ status: response.status, body: response.body, headers: response.headers })));

	// n8n keeps serving: health, then one valid postback runs the workflow exactly once
	check((await fetch(`${env.n8nUrl}/healthz`)).ok, 'n8n stopped answering /healthz after the hostile requests');
	check(env.server.proc.running, 'the n8n process exited during the hostile requests');
	const control = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [POSTBACK_HEADER]: env.postbackToken }, body: postbackBody('control-after-hostile') });
	checkEqual(control.status, 200, 'status of a valid postback after the hostile requests');
	let runs: any[] = [];
	await waitFor('the control postback run', async () => ((runs = await executionsOf(env, HOSTILE_WORKFLOW_ID)).length > before ? runs : undefined), 60_000);
	await sleep(3000);
	runs = await executionsOf(env, HOSTILE_WORKFLOW_ID);
	const fresh = runs.length - before;
	const text = JSON.stringify(runs);
	const hostileRuns = new Set(text.match(/hostile-\d+/g) ?? []).size;
	let complexityRuns = 0;
	for (const trigger of COMPLEXITY_TRIGGERS) complexityRuns += (await executionsOf(env, trigger.id)).length;
	if (complexityRuns) problems.push(`${complexityRuns} algorithmic-complexity postback(s) ran a workflow`);
	figures.hostileRequestsThatRanAWorkflow = Math.max(hostileRuns, fresh - 1) + complexityRuns;

	// signed requests to foreign hosts (HTTP Request node URL elsewhere, redirects)
	const foreign = await checkForeignHosts(env, SANDBOX_SECRET);
	figures.signedRequestsToForeignHosts = foreign.signedRequestsToForeignHosts;
	problems.push(...foreign.problems);
	if (!text.includes('control-after-hostile')) problems.push('the control postback did not run the workflow');
	if (fresh !== 1) problems.push(`${fresh} executions of the trigger workflow after the hostile requests; expected exactly 1 (the control)`);
	if (hostileRuns) problems.push(`${hostileRuns} hostile request(s) ran the workflow`);

	// 3. Secrets everywhere n8n and the sandbox keep things
	const statsAfter = await env.sandbox.admin('GET', 'stats');
	figures.requests = statsAfter.requests - statsBefore.requests;
	const log: LoggedRequest[] = (await env.sandbox.admin('GET', 'requests?limit=5000')).requests;
	for (const signature of signaturesFromRequestLog(log, (identity) => SANDBOX_IDENTITIES[identity])) scanner.addSignature(signature);
	figures.signatures = scanner.signatureCount;
	if (!figures.signatures) problems.push('no signature could be recomputed from the sandbox log: the signature scan would be empty');
	const everyExecution: any[] = [];
	let cursor: string | undefined;
	do {
		const page = await publicApi(env.n8nUrl, env.apiKey, 'GET', `/executions?includeData=true&limit=250${cursor ? `&cursor=${cursor}` : ''}`);
		everyExecution.push(...(page.data ?? []));
		cursor = page.nextCursor ?? undefined;
	} while (cursor && everyExecution.length < 20_000);
	scanner.scan(`n8n execution data (${everyExecution.length} executions, includeData=true)`, everyExecution);
	const n8nLogFile = logFile(env.instance, `n8n-${env.install.version}`);
	scanner.scan('n8n log output', fs.existsSync(n8nLogFile) ? fs.readFileSync(n8nLogFile, 'utf8') : env.server.proc.output());
	scanner.scan('n8n CLI output (n8n execute)', cliOutputs.join('\n'));
	scanner.scan('sandbox request log (without headers)', log.map(withoutHeaders));
	scanner.scan('sandbox postback log (without headers)', (await env.sandbox.admin('GET', 'postbacks')).postbacks.map(({ requestHeaders: _headers, ...rest }: any) => rest));
	figures.findings = scanner.findings;
	figures.secretsFound = scanner.findings.length;
	figures.scannedChars = scanner.scannedChars;
	for (const finding of scanner.findings.slice(0, 10)) problems.push(`${finding.what} found in ${finding.where}: ${finding.context}`);
	return figures;
}

export const reliabilityScenario: Scenario = {
	name: 'Reliability: dropped connections without duplicates, 10,000 hostile postbacks, no secret in executions or logs',
	// 10,000 hostile postbacks: on n8n 2.x each costs an expression isolate (see README, Performance)
	timeoutMs: 12 * 60_000,
	workflows: (_setup: SetupInfo) => [
		...SUBMIT_CASES.map(submitWorkflow),
		errorWorkflow(),
		hostileWorkflow(),
		...COMPLEXITY_TRIGGERS.map((trigger) => complexityWorkflow(trigger.id, trigger.path, trigger.typeVersion, trigger.webhookId)),
	],
	activate: [HOSTILE_WORKFLOW_ID, ...COMPLEXITY_TRIGGERS.map((trigger) => trigger.id)],
	async run(env) {
		// n8n 2.x answers a refused webhook request in ~50 ms of its own time (1.x: ~5 ms), so its
		// share is smaller to stay inside the runner's 5-minute scenario limit
		const hostileCount = Number(process.env.RELIABILITY_HOSTILE_COUNT ?? (env.major >= 2 ? 2_500 : 10_000));
		const figures = await runReliabilityOnRealN8n(env, { hostileCount });
		env.log(
			`${figures.hostileRequests} hostile requests: ${figures.hostile.refused} refused, ${figures.hostile.acknowledged} acknowledged, ` +
				`${figures.hostile.refusedByN8nCore} refused by n8n core with a 500 (methods it does not know), ` +
				`${figures.hostileRequestsThatRanAWorkflow} ran a workflow (slowest answer ${figures.slowestHostileRequestMs} ms, ${figures.algorithmicComplexityRequests} algorithmic-complexity postbacks); ` +
				`${figures.signedRequestsToForeignHosts} signed requests to foreign hosts; ${figures.duplicateOrders} duplicate orders; ` +
				`${figures.secretsFound} secrets in ${(figures.scannedChars / 1e6).toFixed(1)} MB scanned (${figures.signatures} signatures)`,
		);
		check(figures.problems.length === 0, figures.problems.join('\n'));
	},
};
