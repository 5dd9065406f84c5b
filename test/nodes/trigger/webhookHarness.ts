/**
 * Serves the Site Flow trigger over real HTTP the way n8n's webhook server does, in-process:
 *
 * - a real `http` server; each request is given n8n-core's `parseIncomingMessage` and a
 *   `readRawBody` like n8n's `rawBodyReader` middleware, and Express-style `query`;
 * - the webhook is matched on the method and path evaluated from the node's `webhooks` description;
 * - the body is pre-parsed exactly when n8n's `parseRequestBody` would (version-1 nodes skip it when
 *   `options.binaryData` is set), with n8n's rules (JSON, XML through xml2js, form, text; 422 on a
 *   parse failure);
 * - the node's `webhook()` runs in n8n-core's real `WebhookContext` (real getNodeParameter,
 *   getCredentials with the node's credential displayOptions, request helpers including
 *   `httpRequestWithAuthentication`, which signs through the credential classes' `authenticate`);
 * - the answer follows n8n's `handleImmediateWebhookResponse` and `onReceived`/`noData` handling.
 *
 * Only the credential store is a stand-in. What the node emits is recorded per request.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'printos-n8n-'));
process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'default';

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { parse as parseQueryString } from 'querystring';
import { HookContext, WebhookContext, parseIncomingMessage } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, jsonParse } from 'n8n-workflow';

import { registerCredentialType, TestCredentialsHelper } from '../../harness/n8nRun';
import { SiteFlowPostbackAuthApi } from '../../../credentials/SiteFlowPostbackAuthApi.credentials';
import { PrintOsSiteFlowTrigger } from '../../../nodes/PrintOs/SiteFlowTrigger/PrintOsSiteFlowTrigger.node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser: XmlParser } = require('xml2js') as { Parser: new (options: object) => { parseStringPromise(text: string): Promise<unknown> } };

registerCredentialType(new SiteFlowPostbackAuthApi());

const NODE_TYPE = 'n8n-nodes-printos.printOsSiteFlowTrigger';


export class SingleNodeTypes implements INodeTypes {
	constructor(private readonly nodeType: INodeType) {}

	getByName() {
		return this.nodeType;
	}

	getByNameAndVersion() {
		return this.nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

export interface Emission {
	items: INodeExecutionData[];
	/** The `req.body` n8n's parser produced, if it ran (to check the node reuses it). */
	preParsedBody: unknown;
}

export interface HandledRequest {
	method: string;
	url: string;
	status: number;
	result?: IWebhookResponseData;
	error?: Error;
	/** The node returned noWebhookResponse without answering: the sender would hang. */
	leftHanging?: boolean;
}

export interface TriggerServer {
	/** Base URL; the webhook lives at `${url}/webhook/${path}`. */
	url: string;
	webhookUrl(path?: string): string;
	configure(options: { parameters?: IDataObject; credentials?: Record<string, ICredentialDataDecryptedObject>; typeVersion?: number }): void;
	emissions: Emission[];
	handled: HandledRequest[];
	/** Resolves when `count` emissions have been recorded, rejects after `timeoutMs`. */
	waitForEmissions(count: number, timeoutMs?: number): Promise<Emission[]>;
	reset(): void;
	close(): Promise<void>;
}

const xmlParser = new XmlParser({ async: true, normalize: true, normalizeTags: true, explicitArray: false });

type N8nRequest = IncomingMessage & { body?: unknown; query?: unknown };

/** n8n's `rawBodyReader` middleware: `readRawBody` fills `rawBody` once. */
function installRawBodyReader(req: N8nRequest) {
	parseIncomingMessage(req);
	req.readRawBody = async () => {
		if (!req.rawBody) {
			const chunks: Uint8Array[] = [];
			for await (const chunk of req) chunks.push(chunk as Uint8Array);
			req.rawBody = Buffer.concat(chunks);
			req._body = true;
		}
	};
}

function parseContentType(header: string | undefined): string {
	return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** n8n's `isParsableContentType` (n8n 2.x; 1.x has the same list inline). */
function isParsableContentType(contentType: string): boolean {
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** n8n's `parseBody`; throws like n8n's UnprocessableRequestError (422) on a parse failure. */
async function n8nParseBody(req: N8nRequest) {
	await req.readRawBody();
	const { rawBody, contentType, encoding } = req;
	if (!rawBody?.length) return;
	try {
		if (contentType === 'application/json') {
			req.body = jsonParse(rawBody.toString(encoding));
		} else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
			req.body = await xmlParser.parseStringPromise(rawBody.toString(encoding));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 });
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		throw Object.assign(new Error('Failed to parse request body'), { httpStatusCode: 422, hint: (error as Error).message });
	}
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	if (res.headersSent) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

export async function startTriggerServer(
	initial: { parameters?: IDataObject; credentials?: Record<string, ICredentialDataDecryptedObject>; typeVersion?: number } = {},
): Promise<TriggerServer> {
	let typeVersion = initial.typeVersion ?? 1;
	const nodeType = new PrintOsSiteFlowTrigger();
	const nodeTypes = new SingleNodeTypes(nodeType);
	let parameters: IDataObject = initial.parameters ?? {};
	let credentials: Record<string, ICredentialDataDecryptedObject> = initial.credentials ?? {};
	const emissions: Emission[] = [];
	const handled: HandledRequest[] = [];
	const waiters: Array<() => void> = [];
	const credentialsHelper = new TestCredentialsHelper(() => credentials);
	let baseUrl = '';

	const mode: WorkflowExecuteMode = 'webhook';

	function buildWorkflow(): { workflow: Workflow; node: INode } {
		const credentialRefs: INode['credentials'] = {};
		for (const type of Object.keys(credentials)) credentialRefs[type] = { id: `${type}-id`, name: `${type} test` };
		const node: INode = {
			id: 'trigger',
			name: 'Site Flow Trigger',
			type: NODE_TYPE,
			typeVersion,
			position: [0, 0],
			webhookId: 'c0ffee00-0000-4000-8000-000000000001',
			parameters: JSON.parse(JSON.stringify(parameters)),
			credentials: credentialRefs,
		};
		const workflow = new Workflow({
			id: 'wf-trigger',
			name: 'trigger test',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
		});
		return { workflow, node: workflow.getNode(node.name)! };
	}

	async function handle(req: N8nRequest, res: ServerResponse) {
		const record: HandledRequest = { method: req.method ?? '', url: req.url ?? '', status: 0 };
		handled.push(record);
		res.on('finish', () => (record.status = res.statusCode));
		installRawBodyReader(req);
		const url = new URL(req.url ?? '/', 'http://localhost');
		// Express 5's "simple" query parser
		req.query = parseQueryString(url.search.slice(1));

		const { workflow, node } = buildWorkflow();
		const description = nodeType.description.webhooks![0] as IWebhookDescription;
		const additionalKeys = {};
		const httpMethod = String(workflow.expression.getSimpleParameterValue(node, description.httpMethod, mode, additionalKeys));
		const rawPath = String(workflow.expression.getSimpleParameterValue(node, description.path, mode, additionalKeys) ?? '');
		const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, rawPath, description.isFullPath === true);
		if (req.method !== httpMethod || url.pathname !== `/webhook/${path}`) {
			sendJson(res, 404, { code: 404, message: `The requested webhook "${req.method} ${url.pathname}" is not registered.` });
			return;
		}

		// n8n's parseRequestBody: version 1 skips it when options.binaryData is set, later versions
		// parse only the content types n8n knows
		const parse =
			typeVersion === 1
				? !workflow.expression.getSimpleParameterValue(node, '={{$parameter["options"]["binaryData"]}}', mode, additionalKeys, undefined, false)
				: isParsableContentType(parseContentType(req.headers['content-type']));
		let preParsedBody: unknown;
		if (parse) {
			try {
				await n8nParseBody(req);
				preParsedBody = req.body;
			} catch (error) {
				sendJson(res, 422, { code: 422, message: (error as Error).message, hint: (error as { hint?: string }).hint });
				return;
			}
		}

		const additionalData = {
			credentialsHelper,
			executionId: undefined,
			restApiUrl: `${baseUrl}/rest`,
			instanceBaseUrl: `${baseUrl}/`,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			formWaitingBaseUrl: `${baseUrl}/form-waiting`,
			variables: {},
			currentNodeParameters: undefined,
			httpRequest: req,
			httpResponse: res,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path,
			webhookDescription: description,
			workflowId: workflow.id,
			webhookId: node.webhookId,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			record.error = error as Error;
			sendJson(res, 500, { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		record.result = result;

		// n8n's handleImmediateWebhookResponse + onReceived / responseData 'noData'
		if (result.noWebhookResponse === true) {
			if (!res.headersSent && !res.writableEnded) {
				record.leftHanging = true;
				sendJson(res, 599, { message: 'the node returned noWebhookResponse without answering' });
			}
		} else if (result.workflowData === undefined) {
			sendJson(res, 200, result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
		} else if (!res.headersSent) {
			res.writeHead(200, { 'content-length': 0 });
			res.end();
		}
		if (result.workflowData !== undefined) {
			emissions.push({ items: result.workflowData[0] ?? [], preParsedBody });
			for (const wake of waiters.splice(0)) wake();
		}
	}

	const server: Server = createServer((req, res) => {
		handle(req as N8nRequest, res).catch((error) => {
			handled.push({ method: req.method ?? '', url: req.url ?? '', status: 500, error });
			sendJson(res, 500, { message: String(error) });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: baseUrl,
		webhookUrl(path = String(parameters.path ?? '') || 'c0ffee00-0000-4000-8000-000000000001') {
			return `${baseUrl}/webhook/${path}`;
		},
		configure(options) {
			if (options.parameters) parameters = options.parameters;
			if (options.credentials) credentials = options.credentials;
			if (options.typeVersion) typeVersion = options.typeVersion;
		},
		emissions,
		handled,
		async waitForEmissions(count, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (emissions.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) {
					throw new Error(`expected ${count} emissions, got ${emissions.length}: ${JSON.stringify(emissions.map((e) => e.items[0]?.json.event))}`);
				}
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return emissions.slice(0, count);
		},
		reset() {
			emissions.length = 0;
			handled.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export interface PostResult {
	status: number;
	headers: Record<string, string>;
	text: string;
	json?: IDataObject;
}

/** Sends one real HTTP request. */
export async function send(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<PostResult> {
	const response = await fetch(url, {
		method: options.method ?? 'POST',
		headers: options.headers,
		body: options.body as string | undefined,
	});
	const text = await response.text();
	let json: IDataObject | undefined;
	try {
		json = text ? (JSON.parse(text) as IDataObject) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text, json };
}

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}) {
	return send(url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

/**
 * What n8n does when the workflow is activated: the node's `checkExists` webhook method (then
 * `create` when it answers false), in n8n-core's real HookContext. Resolves with what they answered,
 * rejects with the node's error.
 */
export async function activateTrigger(options: {
	parameters: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	typeVersion?: number;
}): Promise<boolean> {
	const nodeType = new PrintOsSiteFlowTrigger();
	const credentials = options.credentials ?? {};
	const credentialRefs: INode['credentials'] = {};
	for (const type of Object.keys(credentials)) credentialRefs[type] = { id: `${type}-id`, name: `${type} test` };
	const workflow = new Workflow({
		id: 'wf-activate',
		name: 'activation test',
		nodes: [
			{
				id: 'trigger',
				name: 'Site Flow Trigger',
				type: NODE_TYPE,
				typeVersion: options.typeVersion ?? 1,
				position: [0, 0],
				webhookId: 'c0ffee00-0000-4000-8000-000000000002',
				parameters: JSON.parse(JSON.stringify(options.parameters)),
				credentials: credentialRefs,
			},
		],
		connections: {},
		nodeTypes: new SingleNodeTypes(nodeType),
		active: false,
		settings: {},
	});
	const node = workflow.getNode('Site Flow Trigger')!;
	const additionalData = { credentialsHelper: new TestCredentialsHelper(() => credentials), variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const description = nodeType.description.webhooks![0] as IWebhookDescription;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'activation',
		webhookDescription: description,
		workflowId: workflow.id,
		webhookId: node.webhookId,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData);
	const methods = nodeType.webhookMethods.default;
	const exists = await methods.checkExists.call(context);
	return exists || (await methods.create.call(context));
}
