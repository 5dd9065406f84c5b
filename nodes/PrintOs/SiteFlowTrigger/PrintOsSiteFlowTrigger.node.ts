/**
 * The Site Flow Trigger: answers Site Flow's postbacks. Its answers are written by
 * postbackResponse.ts, the output item is built by postbackItem.ts and the postback credential's
 * Test button is postbackCredentialTest.ts; here are the description (n8n's lint wants it in this
 * file) and the order of the work: authenticate from the headers, read the body once, filter the
 * event, build the item, and optionally fetch the order after Site Flow has its answer.
 */
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
import { ALL_EVENTS, eventFilterFor, isEventWanted, SITE_FLOW_EVENTS } from './events';
import { fetchBudgetExceededMessage, takeFetch, UNAUTHENTICATED_FETCHES_PER_MINUTE } from './fetchBudget';
import { readPayload, type Payload, type PostbackRequest } from './payload';
import { checkPostbackCredential } from './postbackCredentialTest';
import { postbackItem } from './postbackItem';
import {
	answer,
	BASIC_CHALLENGE,
	MISCONFIGURED_BODY,
	refuse,
	UNAUTHORIZED_BODY,
	type PostbackResponse,
} from './postbackResponse';
import { postbackWebhook } from './webhookDescription';
import {
	activationProblem,
	secretHeaderName,
	verifyPostback,
	type PostbackAuthCredential,
	type PostbackAuthentication,
} from './verify';

const POSTBACK_CREDENTIAL = 'siteFlowPostbackAuthApi';

// a constant satisfies both lint plugins (one wants ['main'] inline, the other the enum)
const MAIN_OUTPUT: NodeConnectionType[] = [NodeConnectionTypes.Main];

const RECOMMENDED_TEMPLATE =
	'{"event":"Order Received","timestamp":"{{timestamp}}","sourceOrderId":"{{sourceOrderId}}","orderId":"{{_id}}","status":"{{status}}"}';

const eventOptions = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every postback, including event names this node does not know',
	},
	...SITE_FLOW_EVENTS.map((event) => ({ name: event.name, value: event.value, description: event.description })),
].sort((a, b) => a.name.localeCompare(b.name));

async function postbackCredential(
	context: IHookFunctions | IWebhookFunctions,
): Promise<PostbackAuthCredential | undefined> {
	try {
		return (await context.getCredentials(POSTBACK_CREDENTIAL)) as PostbackAuthCredential;
	} catch {
		return undefined;
	}
}

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
				return checkPostbackCredential(credential);
			},
		},
	};

	webhookMethods = {
		default: {
			// Site Flow triggers are set up in its UI (docs/printos-api.md#postback-setup); there is nothing to register remotely.
			// n8n asks this first when the workflow is activated (or listens for a test event): a trigger
			// whose authentication cannot work refuses to go live instead of answering every postback 500
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const authentication = this.getNodeParameter('authentication', 'headerToken') as PostbackAuthentication;
				if (authentication !== 'none') {
					const problem = activationProblem(authentication, await postbackCredential(this));
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
			const credential = await postbackCredential(this);
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
			refuse(res, code >= 400 && code < 500 ? code : 400, `The postback body could not be read: ${reason?.message ?? 'unknown error'}`);
			return { noWebhookResponse: true };
		}
		if (payload.kind === 'tooDeep') {
			refuse(res, 400, `The postback body is refused: ${payload.error}`);
			return { noWebhookResponse: true };
		}
		if (payload.kind === 'invalidJson') {
			refuse(res, 400, `Invalid JSON body: ${payload.error}. Check the Site Flow template (quotes and commas around {{…}} values).`);
			return { noWebhookResponse: true };
		}

		// 3. the item, and is its event wanted
		const eventField = (this.getNodeParameter('eventField', 'event') as string).trim();
		const { item, event } = postbackItem(payload, req, eventField, secretHeader);
		const filter = eventFilterFor(this.getNodeParameter('events', [ALL_EVENTS]) as string[]);
		if (!isEventWanted(filter, event)) {
			// acknowledged with 200 by n8n, nothing starts
			return {};
		}

		// 4. optional enrichment, after Site Flow has its answer
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
