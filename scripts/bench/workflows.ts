/**
 * The benchmark's workflows. Each starts with a Webhook node (respond immediately), so the n8n
 * server process runs it; the benchmark then reads the finished execution over the public API.
 * Our nodes use their default settings throughout: only the fields an operation needs are set,
 * never the "Request Options".
 */
import crypto from 'node:crypto';

import type { CredentialImport, WorkflowJson } from '../lib/n8nCli';
import { CREDENTIAL_REFS, POSTBACK_HEADER, credentialRef } from '../lib/credentials';
import { chain, node, workflow } from '../../test/e2e/harness';
import { httpRequestParameters } from '../../test/e2e/fixtures';

export const OURS_TYPE = {
	siteFlow: 'n8n-nodes-printos.printOsSiteFlow',
	box: 'n8n-nodes-printos.printOsBox',
	trigger: 'n8n-nodes-printos.printOsSiteFlowTrigger',
};

/** n8n's generic Webhook node checks this header-auth credential (same header and token as ours). */
export const WEBHOOK_HEADER_AUTH = { id: 'benchHeaderAuth1', name: 'Bench webhook header auth', type: 'httpHeaderAuth' } as const;

export function benchCredentials(postbackToken: string): CredentialImport[] {
	return [{ ...WEBHOOK_HEADER_AUTH, data: { name: POSTBACK_HEADER, value: postbackToken } }];
}

/** Workflow ids (at most 16 characters) and their webhook paths. */
export const WF = {
	getOurs: { id: 'benchGetOurs0001', path: 'bench-get-ours' },
	getHttp: { id: 'benchGetHttp0001', path: 'bench-get-http' },
	getHttpBatched: { id: 'benchGetHttpBat1', path: 'bench-get-http-batched' },
	listOurs: { id: 'benchListOurs001', path: 'bench-list-ours' },
	readOnly: { id: 'benchReadOnly001', path: 'bench-read-only' },
	uploadBox: { id: 'benchUploadBox01', path: 'bench-upload-box' },
	uploadSiteFlow: { id: 'benchUploadSf001', path: 'bench-upload-siteflow' },
	postbackOurs: { id: 'benchPbOurs00001', path: 'bench-postback-ours' },
	postbackWebhook: { id: 'benchPbWebhook01', path: 'bench-postback-webhook' },
} as const;

/** Node names the benchmark reads timings and outputs from. */
export const NODE = {
	webhook: 'Webhook',
	split: 'Split Out',
	ours: 'PrintOS',
	http: 'HTTP Request',
	read: 'Read File',
	folder: 'Create Folder',
	noOp: 'No Operation',
	trigger: 'Trigger',
};

const CONTINUE = { onError: 'continueRegularOutput' };

export function webhookNode(path: string) {
	return node(
		NODE.webhook,
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		{ typeVersion: 2, webhookId: crypto.randomUUID() },
	);
}

/** Webhook body `{items: [{id}, ...]}` becomes one item per order id. */
function splitNode() {
	return node(NODE.split, 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} });
}

/** `itemsInParallel` only for what-if runs (`--items-in-parallel`); the benchmark proper leaves the default. */
function oursGetOrder(itemsInParallel?: number) {
	return node(
		NODE.ours,
		OURS_TYPE.siteFlow,
		{
			authentication: 'siteFlowApi',
			resource: 'order',
			operation: 'get',
			getBy: 'id',
			orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			...(itemsInParallel ? { requestOptions: { concurrency: itemsInParallel } } : {}),
		},
		{ credentials: credentialRef(CREDENTIAL_REFS.siteFlow), ...CONTINUE },
	);
}

function httpGetOrder(sandboxUrl: string, batching: boolean) {
	return node(
		NODE.http,
		'n8n-nodes-base.httpRequest',
		httpRequestParameters('siteFlowApi', 'GET', `=${sandboxUrl}/api/order/{{ $json.id }}`, {
			options: batching ? { batching: { batch: { batchSize: 50, batchInterval: 1000 } } } : {},
		}),
		{ typeVersion: 4.2, credentials: credentialRef(CREDENTIAL_REFS.siteFlow), ...CONTINUE },
	);
}

function readFileNode() {
	return node(NODE.read, 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: '={{ $json.body.path }}', options: {} });
}

export function benchWorkflows(sandboxUrl: string, whatIf: { itemsInParallel?: number; triggerVersion?: number } = {}): WorkflowJson[] {
	const get = (id: string, name: string, path: string, last: Record<string, unknown>) =>
		workflow(id, name, [webhookNode(path), splitNode(), last], chain(NODE.webhook, NODE.split, String(last.name)));
	return [
		get(WF.getOurs.id, 'Bench: Site Flow Get Order (ours, defaults)', WF.getOurs.path, oursGetOrder(whatIf.itemsInParallel)),
		get(WF.getHttp.id, 'Bench: HTTP Request Get Order (defaults)', WF.getHttp.path, httpGetOrder(sandboxUrl, false)),
		get(WF.getHttpBatched.id, 'Bench: HTTP Request Get Order (batching 50/1 s)', WF.getHttpBatched.path, httpGetOrder(sandboxUrl, true)),
		workflow(
			WF.listOurs.id,
			'Bench: Site Flow Get Many Orders, Return All',
			[
				webhookNode(WF.listOurs.path),
				node(
					NODE.ours,
					OURS_TYPE.siteFlow,
					{ authentication: 'siteFlowApi', resource: 'order', operation: 'getAll', returnAll: true },
					{ credentials: credentialRef(CREDENTIAL_REFS.siteFlow) },
				),
			],
			chain(NODE.webhook, NODE.ours),
		),
		workflow(WF.readOnly.id, 'Bench: read a file only (control)', [webhookNode(WF.readOnly.path), readFileNode()], chain(NODE.webhook, NODE.read)),
		workflow(
			WF.uploadBox.id,
			'Bench: Box Upload Binary',
			[
				webhookNode(WF.uploadBox.path),
				node(
					NODE.folder,
					OURS_TYPE.box,
					{ resource: 'folder', operation: 'create', name: 'Benchmark artwork' },
					{ credentials: credentialRef(CREDENTIAL_REFS.gateway) },
				),
				node(NODE.read, 'n8n-nodes-base.readWriteFile', {
					operation: 'read',
					fileSelector: `={{ $('${NODE.webhook}').first().json.body.path }}`,
					options: {},
				}),
				node(
					NODE.ours,
					OURS_TYPE.box,
					{
						resource: 'file',
						operation: 'uploadBinary',
						folderId: { __rl: true, mode: 'id', value: `={{ $('${NODE.folder}').first().json._id }}` },
						binaryPropertyName: 'data',
					},
					{ credentials: credentialRef(CREDENTIAL_REFS.gateway) },
				),
			],
			chain(NODE.webhook, NODE.folder, NODE.read, NODE.ours),
		),
		workflow(
			WF.uploadSiteFlow.id,
			'Bench: Site Flow Order Artwork Upload',
			[
				webhookNode(WF.uploadSiteFlow.path),
				readFileNode(),
				node(
					NODE.ours,
					OURS_TYPE.siteFlow,
					{ authentication: 'siteFlowApi', resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data', useFor: 'reference' },
					{ credentials: credentialRef(CREDENTIAL_REFS.siteFlow) },
				),
			],
			chain(NODE.webhook, NODE.read, NODE.ours),
		),
		workflow(
			WF.postbackOurs.id,
			'Bench: Site Flow Trigger (header token) → No Operation',
			[
				node(
					NODE.trigger,
					OURS_TYPE.trigger,
					{ httpMethod: 'POST', path: WF.postbackOurs.path, authentication: 'headerToken' },
					{ typeVersion: whatIf.triggerVersion ?? 1, credentials: credentialRef(CREDENTIAL_REFS.postback), webhookId: crypto.randomUUID() },
				),
				node(NODE.noOp, 'n8n-nodes-base.noOp'),
			],
			chain(NODE.trigger, NODE.noOp),
		),
		workflow(
			WF.postbackWebhook.id,
			'Bench: Webhook (header auth, respond immediately) → No Operation',
			[
				node(
					NODE.trigger,
					'n8n-nodes-base.webhook',
					{ httpMethod: 'POST', path: WF.postbackWebhook.path, authentication: 'headerAuth', responseMode: 'onReceived', options: {} },
					{ typeVersion: 2, credentials: credentialRef(WEBHOOK_HEADER_AUTH), webhookId: crypto.randomUUID() },
				),
				node(NODE.noOp, 'n8n-nodes-base.noOp'),
			],
			chain(NODE.trigger, NODE.noOp),
		),
	];
}

/** Workflows that must be active (all of them start with a webhook). */
export const ACTIVE_WORKFLOWS = Object.values(WF).map((w) => w.id);
