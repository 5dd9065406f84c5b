import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeConnectionType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { credentialTest as printOsCredentialTest } from '../shared/credentialTest';
import type { PrintOsCredentialType } from '../transport/connection';
import { fetchOrder } from './enrich';
import { fetchBudgetExceededMessage, takeFetch, UNAUTHENTICATED_FETCHES_PER_MINUTE } from './fetchBudget';
import { postbackWebhook } from './webhookDescription';
import {
	ALL_EVENTS,
	SITE_FLOW_EVENTS,
	eventFilterFor,
	findEventByName,
	findEventByStatus,
	isEventWanted,
	type SiteFlowEvent,
} from './events';
import { payloadField, readPayload, type Payload, type PostbackRequest } from './payload';
import {
	activationProblem,
	credentialProblem,
	secretHeaderName,
	verifyPostback,
	type PostbackAuthCredential,
	type PostbackAuthentication,
} from './verify';

const POSTBACK_CREDENTIAL = 'siteFlowPostbackAuthApi';

// a constant satisfies both lint plugins (one wants ['main'] inline, the other the enum)
const MAIN_OUTPUT: NodeConnectionType[] = [NodeConnectionTypes.Main];

/** Where each output field is looked for in the payload, first match wins (dot paths). */
const ORDER_ID_FIELDS = ['orderId', '_id', 'order._id'];
const SOURCE_ORDER_ID_FIELDS = ['sourceOrderId', 'orderData.sourceOrderId', 'order.orderData.sourceOrderId'];
const STATUS_FIELDS = ['status', 'orderData.status', 'order.orderData.status'];
const TRACKING_FIELDS = ['trackingNumber', 'trackingUrl', 'shippedDate', 'carrier'];

const RECOMMENDED_TEMPLATE =
	'{"event":"Order Received","timestamp":"{{timestamp}}","sourceOrderId":"{{sourceOrderId}}","orderId":"{{_id}}","status":"{{status}}"}';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const UNAUTHORIZED_BODY = Buffer.from(
	JSON.stringify({ message: 'Unauthorized: the postback does not carry the credentials this trigger expects' }),
);
const MISCONFIGURED_BODY = Buffer.from(
	JSON.stringify({
		message: 'The n8n Site Flow trigger cannot check postbacks: its postback credential is missing or incomplete',
	}),
);
/** The part of Node's ServerResponse (n8n hands an Express response) the trigger writes to. */
interface PostbackResponse {
	headersSent: boolean;
	statusCode: number;
	setHeader(name: string, value: string | number): unknown;
	end(body?: Buffer): unknown;
}

const BASIC_CHALLENGE = 'Basic realm="Site Flow postbacks", charset="UTF-8"';

function answer(res: PostbackResponse, status: number, body: Buffer | undefined, challenge?: string): void {
	if (res.headersSent) return;
	res.statusCode = status;
	if (challenge) res.setHeader('www-authenticate', challenge);
	if (body === undefined) {
		res.setHeader('content-length', 0);
		res.end();
		return;
	}
	res.setHeader('content-type', JSON_CONTENT_TYPE);
	res.setHeader('content-length', body.length);
	res.end(body);
}

function textField(payload: Payload, paths: readonly string[]): string | null {
	for (const path of paths) {
		const value = payloadField(payload, path);
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

interface ResolvedEvent {
	event: SiteFlowEvent | undefined;
	/** The name as the payload wrote it (or the display name when found by status). */
	name: string | null;
	source: 'payload' | 'status' | 'none';
}

function resolveEvent(payload: Payload, eventField: string, status: string | null): ResolvedEvent {
	if (eventField) {
		const raw = payloadField(payload, eventField);
		if (typeof raw === 'string' && raw.trim() !== '') {
			return { event: findEventByName(raw), name: raw, source: 'payload' };
		}
	}
	// documented fallback: templates that only write the order status (like HP's printready example)
	const byStatus = findEventByStatus(status);
	if (byStatus) return { event: byStatus, name: byStatus.name, source: 'status' };
	return { event: undefined, name: null, source: 'none' };
}

function headersWithout(headers: PostbackRequest['headers'], secretHeader: string | undefined): IDataObject {
	const copy: IDataObject = {};
	for (const name of Object.keys(headers)) {
		if (name !== secretHeader) copy[name] = headers[name];
	}
	return copy;
}

const eventOptions = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every postback, including event names this node does not know',
	},
	...SITE_FLOW_EVENTS.map((event) => ({ name: event.name, value: event.value, description: event.description })),
].sort((a, b) => a.name.localeCompare(b.name));

export class PrintOsSiteFlowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HP PrintOS Site Flow Trigger',
		name: 'printOsSiteFlowTrigger',
		icon: { light: 'file:printosSiteFlowTrigger.svg', dark: 'file:printosSiteFlowTrigger.dark.svg' },
		group: ['trigger'],
		// 1 (default): the node authenticates from the headers before it reads the body, so every
		// hostile request, oversized bodies included, gets a 4xx. 2: n8n parses the body before the
		// node runs (broken JSON: n8n's 422; a body beyond n8n's payload limit: n8n's 500), and no
		// expression is evaluated per postback, so n8n 2.x with lazy isolate acquisition serves
		// postbacks as fast as its own Webhook node. Set by editing the workflow's typeVersion.
		version: [1, 2],
		defaultVersion: 1,
		subtitle: '={{"Site Flow postbacks (" + $parameter["httpMethod"] + ")"}}',
		description: 'Starts the workflow when HP Site Flow sends a postback (order, shipment and batch events)',
		defaults: {
			name: 'Site Flow Trigger',
		},
		inputs: [],
		outputs: MAIN_OUTPUT,
		credentials: [
			{
				name: 'siteFlowPostbackAuthApi',
				required: true,
				testedBy: 'siteFlowPostbackAuthTest',
				displayOptions: { show: { authentication: ['headerToken', 'basicAuth'] } },
			},
			{
				name: 'siteFlowApi',
				required: true,
				testedBy: 'siteFlowApiConnectionTest',
				displayOptions: { show: { fetchOrder: [true], orderAuthentication: ['siteFlowApi'] } },
			},
			{
				name: 'printOsApi',
				required: true,
				testedBy: 'printOsApiConnectionTest',
				displayOptions: { show: { fetchOrder: [true], orderAuthentication: ['printOsApi'] } },
			},
		],
		webhooks: [postbackWebhook],
		properties: [
			{
				displayName:
					'Site Flow has no API to register postbacks: set the trigger up in Site Flow by hand.<br>' +
					'<b>1.</b> In Site Flow open <b>SETUP &gt; SYSTEM &gt; Triggers &gt; Add New</b> (older accounts: <b>Settings &gt; Trigger &gt; Add Trigger</b>).<br>' +
					'<b>2.</b> Choose the event, type <b>HTTP(S)</b>, and paste this node\'s <b>Production URL</b> (shown above; use the Test URL only while clicking "Listen for test event"). Set the method to the HTTP Method chosen below.<br>' +
					'<b>3.</b> Add the request header <code>content-type: application/json</code>, and for Header Token authentication the header name and token of the credential (Basic Auth: an <code>authorization: Basic …</code> header).<br>' +
					'<b>4.</b> Use a JSON template that names the event, one trigger per event, e.g. <code>' +
					RECOMMENDED_TEMPLATE +
					'</code> (for Shipment Shipped add <code>"trackingNumber":"{{trackingNumber}}"</code> and friends). <code>{{prettyJson this}}</code> shows every field Site Flow offers.<br>' +
					'New or changed templates apply to new orders only.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
					{ name: 'PUT', value: 'PUT' },
				],
				default: 'POST',
				description: 'The method set on the Site Flow trigger (Site Flow offers POST, PUT and GET)',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'siteflow-postbacks',
				description:
					'The last part of the webhook URL. Leave empty for a unique generated path; choose your own to keep the URL stable across workflow copies.',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description: 'Site Flow sends an "authorization: Basic …" header built from the credential\'s user and password',
					},
					{
						name: 'Header Token',
						value: 'headerToken',
						description: 'Site Flow sends a request header holding the credential\'s token (recommended)',
					},
					{
						name: 'None',
						value: 'none',
						description: 'Accept every postback sent to the URL: anyone who knows it can start the workflow',
					},
				],
				default: 'headerToken',
				description:
					'How postbacks prove they come from your Site Flow account. Postbacks are not signed, so a secret header is the only check; requests without it are answered 401 and start nothing.',
			},
			{
				displayName:
					'<b>Anyone who knows this URL can start the workflow</b> with forged events. Choose Header Token or Basic Auth unless the URL is reachable from a trusted network only. With Fetch Full Order, at most ' +
					UNAUTHENTICATED_FETCHES_PER_MINUTE +
					' orders per minute are fetched; further postbacks carry "orderFetchError" instead.',
				name: 'noAuthenticationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: [ALL_EVENTS],
				description:
					'The events that start the workflow. Others are answered 200 and start nothing. Event names this node does not know pass only with All Events.',
			},
			{
				displayName: 'Event Field',
				name: 'eventField',
				type: 'string',
				default: 'event',
				placeholder: 'event',
				description:
					'Where the template writes the event name, as a dot path (e.g. "data.event"); matched loosely ("Order Printready", "orderPrintReady"). When it is missing the event is derived from the order status (e.g. "printready" → Order Printready). For XML templates the first element of that name is read.',
			},
			{
				displayName: 'Fetch Full Order',
				name: 'fetchOrder',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the order the postback is about from Site Flow (by orderId, else by sourceOrderId) and add it as "order". Site Flow is answered first; when the fetch fails the postback data is kept and "orderFetchError" says why.',
			},
			{
				displayName: 'Order Credential',
				name: 'orderAuthentication',
				type: 'options',
				options: [
					{ name: 'HP PrintOS API (Gateway Key)', value: 'printOsApi' },
					{ name: 'HP Site Flow API (Token)', value: 'siteFlowApi' },
				],
				default: 'siteFlowApi',
				description: 'The credential used to fetch the order',
				displayOptions: { show: { fetchOrder: [true] } },
			},
			{
				// n8n skips its own body parsing for version-1 webhook nodes whose options.binaryData
				// is set; the node then reads the raw body itself (after authentication), so XML is
				// never parsed for nothing and a broken JSON body is answered 400 by this node. n8n
				// reads that option through an expression on every request, hence version 2.
				displayName: 'Body Handling',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
				displayOptions: { show: { '@version': [1] } },
			},
		],
	};

	methods = {
		credentialTest: {
			...printOsCredentialTest,
			async siteFlowPostbackAuthTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = (credential.data ?? {}) as PostbackAuthCredential;
				const hasToken = Boolean(data.headerName || data.token);
				const hasBasic = Boolean(data.user || data.password);
				if (!hasToken && !hasBasic) {
					return {
						status: 'Error',
						message: 'Fill in a header name and token, or a user and password',
					};
				}
				const problem =
					(hasToken ? credentialProblem('headerToken', data) : undefined) ??
					(hasBasic ? credentialProblem('basicAuth', data) : undefined);
				if (problem) return { status: 'Error', message: problem };
				const short =
					(hasToken && (data.token ?? '').length < 16) || (hasBasic && (data.password ?? '').length < 12);
				return {
					status: 'OK',
					message: short
						? 'Usable, but short: a random secret of 32 characters or more is recommended'
						: 'The credential is complete; Site Flow must send the same values',
				};
			},
		},
	};

	webhookMethods = {
		default: {
			// Site Flow triggers are set up in its UI (spec §4.1); there is nothing to register remotely.
			// n8n asks this first when the workflow is activated (or listens for a test event): a trigger
			// whose authentication cannot work refuses to go live instead of answering every postback 500
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const authentication = this.getNodeParameter('authentication', 'headerToken') as PostbackAuthentication;
				if (authentication !== 'none') {
					let credential: PostbackAuthCredential | undefined;
					try {
						credential = (await this.getCredentials(POSTBACK_CREDENTIAL)) as PostbackAuthCredential;
					} catch {
						credential = undefined;
					}
					const problem = activationProblem(authentication, credential);
					if (problem) throw new NodeOperationError(this.getNode(), problem);
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as PostbackRequest;
		const res = this.getResponseObject() as PostbackResponse;

		// 1. authentication, from the headers alone, before any body is read
		const authentication = this.getNodeParameter('authentication', 'headerToken') as PostbackAuthentication;
		let secretHeader: string | undefined;
		if (authentication !== 'none') {
			let credential: PostbackAuthCredential | undefined;
			try {
				credential = (await this.getCredentials(POSTBACK_CREDENTIAL)) as PostbackAuthCredential;
			} catch {
				credential = undefined;
			}
			const outcome = verifyPostback(authentication, credential, req.headers);
			if (outcome !== 'ok') {
				if (outcome === 'misconfigured') answer(res, 500, MISCONFIGURED_BODY);
				else answer(res, 401, UNAUTHORIZED_BODY, authentication === 'basicAuth' ? BASIC_CHALLENGE : undefined);
				return { noWebhookResponse: true };
			}
			secretHeader = secretHeaderName(authentication, credential);
		}

		// 2. the body, parsed once
		let payload: Payload;
		try {
			payload = await readPayload(req);
		} catch (error) {
			// the body could not be read (too large, aborted, bad encoding): n8n's reader says which
			const reason = error as { status?: number; statusCode?: number; message?: string };
			const code = Number(reason?.status ?? reason?.statusCode);
			answer(
				res,
				code >= 400 && code < 500 ? code : 400,
				Buffer.from(JSON.stringify({ message: `The postback body could not be read: ${reason?.message ?? 'unknown error'}` })),
			);
			return { noWebhookResponse: true };
		}
		if (payload.kind === 'tooDeep') {
			answer(res, 400, Buffer.from(JSON.stringify({ message: `The postback body is refused: ${payload.error}` })));
			return { noWebhookResponse: true };
		}
		if (payload.kind === 'invalidJson') {
			answer(
				res,
				400,
				Buffer.from(
					JSON.stringify({
						message: `Invalid JSON body: ${payload.error}. Check the Site Flow template (quotes and commas around {{…}} values).`,
					}),
				),
			);
			return { noWebhookResponse: true };
		}

		// 3. which event, and is it wanted
		const status = textField(payload, STATUS_FIELDS);
		const eventField = this.getNodeParameter('eventField', 'event') as string;
		const resolved = resolveEvent(payload, eventField.trim(), status);
		const filter = eventFilterFor(this.getNodeParameter('events', [ALL_EVENTS]) as string[]);
		if (!isEventWanted(filter, resolved.event)) {
			// acknowledged with 200 by n8n, nothing starts
			return {};
		}

		// 4. the item
		const item: IDataObject = {
			event: resolved.event ? resolved.event.name : resolved.name,
			eventValue: resolved.event ? resolved.event.value : 'unknown',
			eventSource: resolved.source,
			orderId: textField(payload, ORDER_ID_FIELDS),
			sourceOrderId: textField(payload, SOURCE_ORDER_ID_FIELDS),
			status,
		};
		const timestamp = payloadField(payload, 'timestamp');
		if (timestamp !== undefined && timestamp !== '') item.timestamp = timestamp as string;
		for (const field of TRACKING_FIELDS) {
			const value = payloadField(payload, field);
			if (value !== undefined && value !== null && value !== '') item[field] = value as string;
		}
		item.body = payload.body as IDataObject;
		item.contentType = payload.contentType;
		item.method = req.method;
		item.headers = headersWithout(req.headers, secretHeader);

		// 5. optional enrichment, after Site Flow has its answer
		if (this.getNodeParameter('fetchOrder', false) as boolean) {
			answer(res, 200, undefined);
			const credentialType = this.getNodeParameter('orderAuthentication', 'siteFlowApi') as PrintOsCredentialType;
			if (authentication === 'none' && !takeFetch(`${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`)) {
				item.orderFetchError = { message: fetchBudgetExceededMessage() };
				return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
			}
			const fetched = await fetchOrder(
				this,
				credentialType,
				(item.orderId as string | null) ?? undefined,
				(item.sourceOrderId as string | null) ?? undefined,
			);
			if ('order' in fetched) item.order = fetched.order;
			else item.orderFetchError = fetched.error as unknown as IDataObject;
			return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
		}

		return { workflowData: [[{ json: item }]] };
	}
}
