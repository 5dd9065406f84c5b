/**
 * The Site Flow trigger's webhook over real HTTP, inside n8n-core's real WebhookContext (see
 * webhookHarness.ts): authentication, body types, event filtering, status fallback and output.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { PrintOsSiteFlowTrigger } from '../../../nodes/PrintOs/SiteFlowTrigger/PrintOsSiteFlowTrigger.node';
import { activateTrigger, postJson, send, startTriggerServer, type TriggerServer } from './webhookHarness';

const TOKEN = 'tok-5f3c9a1e7b2d4c6a8e0f1a2b3c4d5e6f';
const HEADER_AUTH = { headerName: 'X-SiteFlow-Token', token: TOKEN, user: '', password: '' };
const BASIC_AUTH = { headerName: '', token: '', user: 'siteflow', password: 'pa55-word-0123456789' };

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const RECEIVED = {
	event: 'Order Received',
	timestamp: '2026-11-22T10:00:00.000Z',
	sourceOrderId: 'SRC-1001',
	orderId: '65a1b2c3d4e5f60718293a4b',
	status: 'received',
};

let server: TriggerServer;

beforeAll(async () => {
	server = await startTriggerServer();
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.reset();
	server.configure({ parameters: { path: 'siteflow', authentication: 'none' }, credentials: {} });
});

function only(): IDataObject {
	expect(server.emissions).toHaveLength(1);
	expect(server.emissions[0].items).toHaveLength(1);
	return server.emissions[0].items[0].json;
}

describe('description', () => {
	it('answers on receipt with no data, on the chosen method and path, without inputs', () => {
		const { description } = new PrintOsSiteFlowTrigger();
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', responseMode: 'onReceived', responseData: 'noData', isFullPath: true }),
		]);
		const events = description.properties.find((property) => property.name === 'events')!;
		expect(events.default).toEqual(['*']);
	});

	it('serves the chosen method only (PUT here), at the chosen path', async () => {
		server.configure({ parameters: { path: 'siteflow/put', authentication: 'none', httpMethod: 'PUT' } });
		const put = await send(server.webhookUrl('siteflow/put'), {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(RECEIVED),
		});
		expect(put.status).toBe(200);
		const post = await postJson(server.webhookUrl('siteflow/put'), RECEIVED);
		expect(post.status).toBe(404);
		expect(server.emissions).toHaveLength(1);
	});

	it('registers nothing remotely: a usable trigger activates, create and delete only say yes', async () => {
		await expect(activateTrigger({ parameters: { authentication: 'none' } })).resolves.toBe(true);
		await expect(
			activateTrigger({ parameters: { authentication: 'headerToken' }, credentials: { siteFlowPostbackAuthApi: HEADER_AUTH } }),
		).resolves.toBe(true);
		await expect(
			activateTrigger({ parameters: { authentication: 'basicAuth' }, credentials: { siteFlowPostbackAuthApi: BASIC_AUTH } }),
		).resolves.toBe(true);
		const { default: methods } = new PrintOsSiteFlowTrigger().webhookMethods;
		const context = {} as never;
		await expect(methods.create.call(context)).resolves.toBe(true);
		await expect(methods.delete.call(context)).resolves.toBe(true);
	});

	it('defaults new triggers to Header Token, and shows a notice only when None is chosen', () => {
		const { properties } = new PrintOsSiteFlowTrigger().description;
		expect(properties.find((property) => property.name === 'authentication')!.default).toBe('headerToken');
		const notice = properties.find((property) => property.name === 'noAuthenticationNotice')!;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/Anyone who knows this URL can start the workflow/);
		expect(notice.displayOptions).toEqual({ show: { authentication: ['none'] } });
	});

	it('treats a trigger saved without an authentication parameter as Header Token: no token, 401', async () => {
		server.configure({ parameters: { path: 'siteflow' }, credentials: { siteFlowPostbackAuthApi: HEADER_AUTH } });
		const response = await postJson(server.webhookUrl(), RECEIVED);
		expect(response.status).toBe(401);
		expect(server.emissions).toHaveLength(0);
	});
});

describe('activation refuses an authentication the credential cannot serve (issue 14, point 8)', () => {
	it.each([
		[
			'Basic Auth with a credential that has only a header token',
			'basicAuth',
			HEADER_AUTH,
			/Authentication is Basic Auth, but the postback credential holds a header name and token instead: set Authentication to Header Token, or fill in User and Password/,
		],
		[
			'Header Token with a credential that has only a user and password',
			'headerToken',
			{ ...BASIC_AUTH, headerName: 'Authorization' },
			/Authentication is Header Token, but the postback credential holds a user and password instead: set Authentication to Basic Auth, or fill in Header Name and Token/,
		],
		['Header Token with a token but no header name', 'headerToken', { ...HEADER_AUTH, headerName: '' }, /needs a header name in the credential\. Complete the credential, or change Authentication/],
		['Basic Auth with a user but no password', 'basicAuth', { ...BASIC_AUTH, password: '' }, /needs a password in the credential/],
	])('refuses %s, saying what to change', async (_label, authentication, credential, message) => {
		await expect(
			activateTrigger({ parameters: { authentication }, credentials: { siteFlowPostbackAuthApi: credential as IDataObject as never } }),
		).rejects.toThrow(message);
	});

	it('refuses Header Token (the default) without any postback credential', async () => {
		await expect(activateTrigger({ parameters: {} })).rejects.toThrow(/Authentication is Header Token, but no Site Flow postback credential is selected/);
	});
});

describe('header token authentication', () => {
	beforeEach(() => {
		server.configure({
			parameters: { path: 'siteflow', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: HEADER_AUTH },
		});
	});

	it('accepts the right token and leaves the secret header out of the output', async () => {
		const response = await postJson(server.webhookUrl(), RECEIVED, { 'x-siteflow-token': TOKEN, 'x-request-id': 'r-1' });
		expect(response.status).toBe(200);
		expect(response.text).toBe('');
		const item = only();
		expect(item.headers).toEqual(expect.objectContaining({ 'x-request-id': 'r-1', 'content-type': 'application/json' }));
		expect(item.headers).not.toHaveProperty('x-siteflow-token');
		expect(JSON.stringify(item)).not.toContain(TOKEN);
	});

	it.each([
		['a wrong token of the same length', { 'x-siteflow-token': TOKEN.replace(/.$/, 'x') }],
		['a shorter token', { 'x-siteflow-token': TOKEN.slice(0, 10) }],
		['a longer token', { 'x-siteflow-token': `${TOKEN}0` }],
		['the token in another header', { authorization: TOKEN }],
		['no header at all', {}],
	])('answers %s with 401 at once and starts nothing', async (_label, headers) => {
		const response = await postJson(server.webhookUrl(), RECEIVED, headers as Record<string, string>);
		expect(response.status).toBe(401);
		expect(response.json?.message).toMatch(/Unauthorized/);
		expect(response.headers['www-authenticate']).toBeUndefined();
		expect(server.emissions).toHaveLength(0);
		expect(server.handled[0].leftHanging).toBeUndefined();
	});

	it('answers 500 and starts nothing while the credential has no token', async () => {
		server.configure({ credentials: { siteFlowPostbackAuthApi: { ...HEADER_AUTH, token: '' } } });
		const response = await postJson(server.webhookUrl(), RECEIVED, { 'x-siteflow-token': '' });
		expect(response.status).toBe(500);
		expect(response.json?.message).toMatch(/credential is missing or incomplete/);
		expect(server.emissions).toHaveLength(0);
	});

	it('works with the Authorization header as the token header', async () => {
		server.configure({ credentials: { siteFlowPostbackAuthApi: { ...HEADER_AUTH, headerName: 'Authorization' } } });
		expect((await postJson(server.webhookUrl(), RECEIVED, { authorization: TOKEN })).status).toBe(200);
		expect(only().headers).not.toHaveProperty('authorization');
		expect((await postJson(server.webhookUrl(), RECEIVED, { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
	});
});

describe('basic authentication', () => {
	beforeEach(() => {
		server.configure({
			parameters: { path: 'siteflow', authentication: 'basicAuth' },
			credentials: { siteFlowPostbackAuthApi: BASIC_AUTH },
		});
	});

	it('accepts the right user and password and drops the authorization header', async () => {
		const response = await postJson(server.webhookUrl(), RECEIVED, {
			authorization: basic(BASIC_AUTH.user, BASIC_AUTH.password),
			'x-trace': 't',
		});
		expect(response.status).toBe(200);
		const item = only();
		expect(item.headers).not.toHaveProperty('authorization');
		expect(item.headers).toHaveProperty('x-trace', 't');
	});

	it('accepts a lower-case scheme', async () => {
		const header = basic(BASIC_AUTH.user, BASIC_AUTH.password).replace('Basic', 'basic');
		expect((await postJson(server.webhookUrl(), RECEIVED, { authorization: header })).status).toBe(200);
	});

	it.each([
		['a wrong password', basic(BASIC_AUTH.user, BASIC_AUTH.password.replace(/.$/, 'X'))],
		['a wrong user', basic('other', BASIC_AUTH.password)],
		['a password of another length', basic(BASIC_AUTH.user, 'short')],
		['a Bearer token', `Bearer ${BASIC_AUTH.password}`],
		['garbage', 'Basic !!!not-base64'],
		['no header at all', undefined],
	])('answers %s with 401 and a Basic challenge', async (_label, authorization) => {
		const response = await postJson(server.webhookUrl(), RECEIVED, authorization ? { authorization } : {});
		expect(response.status).toBe(401);
		expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
		expect(server.emissions).toHaveLength(0);
	});
});

describe('no authentication', () => {
	it('accepts any postback and keeps every header', async () => {
		const response = await postJson(server.webhookUrl(), RECEIVED, { authorization: 'whatever' });
		expect(response.status).toBe(200);
		expect(only().headers).toHaveProperty('authorization', 'whatever');
	});
});

describe('bodies', () => {
	it('parses JSON and reads the order fields', async () => {
		await postJson(server.webhookUrl(), RECEIVED);
		expect(only()).toEqual(
			expect.objectContaining({
				event: 'Order Received',
				eventValue: 'orderReceived',
				eventSource: 'payload',
				orderId: RECEIVED.orderId,
				sourceOrderId: 'SRC-1001',
				status: 'received',
				timestamp: RECEIVED.timestamp,
				body: RECEIVED,
				contentType: 'application/json',
				method: 'POST',
			}),
		);
	});

	it('parses JSON sent with a charset parameter', async () => {
		await send(server.webhookUrl(), {
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify({ ...RECEIVED, sourceOrderId: 'SRC-ü' }),
		});
		expect(only().sourceOrderId).toBe('SRC-ü');
	});

	it('answers invalid JSON with 400 and a clear message, and starts nothing', async () => {
		const broken = '{"event":"Order Received","sourceOrderId":"SRC-1", "status": printready}';
		const response = await send(server.webhookUrl(), { headers: { 'content-type': 'application/json' }, body: broken });
		expect(response.status).toBe(400);
		expect(response.json?.message).toMatch(/^Invalid JSON body: .+Check the Site Flow template/);
		expect(server.emissions).toHaveLength(0);
	});

	it('checks authentication before it reads a body: invalid JSON without the token is a 401', async () => {
		server.configure({
			parameters: { path: 'siteflow', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: HEADER_AUTH },
		});
		const response = await send(server.webhookUrl(), { headers: { 'content-type': 'application/json' }, body: '{nope' });
		expect(response.status).toBe(401);
	});

	it('keeps an XML body as text and reads the order fields from its elements', async () => {
		const xml =
			'<?xml version="1.0"?><postback><event>Order Printready</event><orderId>65a1b2c3d4e5f60718293a4c</orderId>' +
			'<sourceOrderId><![CDATA[SRC-&-2]]></sourceOrderId><status>printready</status></postback>';
		const response = await send(server.webhookUrl(), { headers: { 'content-type': 'text/xml' }, body: xml });
		expect(response.status).toBe(200);
		expect(only()).toEqual(
			expect.objectContaining({
				event: 'Order Printready',
				eventValue: 'orderPrintReady',
				orderId: '65a1b2c3d4e5f60718293a4c',
				sourceOrderId: 'SRC-&-2',
				status: 'printready',
				body: xml,
				contentType: 'text/xml',
			}),
		);
	});

	it('keeps a plain-text body as text (event unknown, passes with All Events)', async () => {
		const response = await send(server.webhookUrl(), {
			headers: { 'content-type': 'text/plain' },
			body: 'Order SRC-3 is printready',
		});
		expect(response.status).toBe(200);
		expect(only()).toEqual(
			expect.objectContaining({ event: null, eventValue: 'unknown', eventSource: 'none', body: 'Order SRC-3 is printready' }),
		);
	});

	it('keeps an HTML body as text', async () => {
		const html = '<html><body><p>Order <b>SRC-4</b> shipped</p><status>shipped</status></body></html>';
		await send(server.webhookUrl(), { headers: { 'content-type': 'text/html' }, body: html });
		expect(only()).toEqual(expect.objectContaining({ body: html, status: 'shipped', eventValue: 'shipmentShipped' }));
	});

	it('parses a JSON-looking body sent without a content type', async () => {
		await send(server.webhookUrl(), { body: Buffer.from(JSON.stringify(RECEIVED)) });
		expect(only()).toEqual(expect.objectContaining({ eventValue: 'orderReceived', body: RECEIVED, contentType: '' }));
	});

	it('reads a GET postback from its query string', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', httpMethod: 'GET' } });
		const response = await send(`${server.webhookUrl()}?event=Shipment%20Shipped&sourceOrderId=SRC-5&trackingNumber=1Z999`, {
			method: 'GET',
		});
		expect(response.status).toBe(200);
		expect(only()).toEqual(
			expect.objectContaining({
				event: 'Shipment Shipped',
				eventValue: 'shipmentShipped',
				sourceOrderId: 'SRC-5',
				trackingNumber: '1Z999',
				method: 'GET',
				body: { event: 'Shipment Shipped', sourceOrderId: 'SRC-5', trackingNumber: '1Z999' },
			}),
		);
	});

	it("reuses n8n's own JSON parse instead of parsing again (when n8n parsed the body)", async () => {
		// without the node's hidden body-handling option n8n parses application/json itself
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', options: {} } });
		await postJson(server.webhookUrl(), RECEIVED);
		const item = only();
		expect(server.emissions[0].preParsedBody).toEqual(RECEIVED);
		expect(item.body).toBe(server.emissions[0].preParsedBody);
	});

	it("lets n8n's body parser stay out: the node reads the raw body itself", async () => {
		await postJson(server.webhookUrl(), RECEIVED);
		only();
		expect(server.emissions[0].preParsedBody).toBeUndefined();
	});
});

describe('events', () => {
	it('starts the workflow for a selected event', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderPrintReady', 'shipmentShipped'] } });
		const response = await postJson(server.webhookUrl(), { ...RECEIVED, event: 'Order Printready', status: 'printready' });
		expect(response.status).toBe(200);
		expect(only().eventValue).toBe('orderPrintReady');
	});

	it('acknowledges an unselected event with 200 and starts nothing', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderPrintReady'] } });
		const response = await postJson(server.webhookUrl(), RECEIVED);
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ message: 'Webhook call received' });
		expect(server.emissions).toHaveLength(0);
		expect(server.handled[0].result).toEqual({});
	});

	it('matches the older names and loose spellings', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderPrintReady', 'shipmentShipped'] } });
		await postJson(server.webhookUrl(), { event: 'Order PrintReady', sourceOrderId: 'A' });
		await postJson(server.webhookUrl(), { event: 'shipment-dispatched', sourceOrderId: 'B' });
		await postJson(server.webhookUrl(), { event: 'ORDER_PRINT_READY', sourceOrderId: 'C' });
		expect(server.emissions.map((emission) => emission.items[0].json.eventValue)).toEqual([
			'orderPrintReady',
			'shipmentShipped',
			'orderPrintReady',
		]);
		expect(server.emissions[1].items[0].json.event).toBe('Shipment Shipped');
	});

	it('passes an unknown event name only with All Events', async () => {
		await postJson(server.webhookUrl(), { event: 'Title Created', sourceOrderId: 'T-1' });
		expect(only()).toEqual(expect.objectContaining({ event: 'Title Created', eventValue: 'unknown', eventSource: 'payload' }));
		server.reset();
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderReceived'] } });
		const response = await postJson(server.webhookUrl(), { event: 'Title Created' });
		expect(response.status).toBe(200);
		expect(server.emissions).toHaveLength(0);
	});

	it('treats an empty selection as all events', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: [] } });
		await postJson(server.webhookUrl(), { event: 'Stock Alert' });
		expect(only().eventValue).toBe('stockAlert');
	});

	it('reads the event from a configured dot path', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', eventField: 'data.trigger.name', events: ['orderCancelled'] } });
		await postJson(server.webhookUrl(), { data: { trigger: { name: 'Order Cancelled' } }, sourceOrderId: 'X' });
		expect(only()).toEqual(expect.objectContaining({ event: 'Order Cancelled', eventValue: 'orderCancelled' }));
	});

	it('falls back to the order status when the payload names no event', async () => {
		server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderPrintReady'] } });
		// HP's own printready example (spec §4.3)
		const example = { timestamp: '2016-03-28T17:55:47.191Z', sourceOrderId: '12341200', status: 'printready' };
		await postJson(server.webhookUrl(), example);
		expect(only()).toEqual(
			expect.objectContaining({ event: 'Order Printready', eventValue: 'orderPrintReady', eventSource: 'status', status: 'printready' }),
		);
		server.reset();
		const response = await postJson(server.webhookUrl(), { ...example, status: 'shipped' });
		expect(response.status).toBe(200);
		expect(server.emissions).toHaveLength(0);
	});

	it("falls back to orderData.status in a {{prettyJson this}}-style payload", async () => {
		const order = { _id: '65a1b2c3d4e5f60718293a4d', orderData: { sourceOrderId: 'SRC-9', status: 'cancelled' } };
		await postJson(server.webhookUrl(), order);
		expect(only()).toEqual(
			expect.objectContaining({
				eventValue: 'orderCancelled',
				eventSource: 'status',
				orderId: order._id,
				sourceOrderId: 'SRC-9',
				status: 'cancelled',
			}),
		);
	});
});

describe('output', () => {
	it('adds the tracking fields of a shipped postback, and only when present', async () => {
		const shipped = {
			event: 'Shipment Shipped',
			sourceOrderId: 'SRC-7',
			orderId: '65a1b2c3d4e5f60718293a4e',
			status: 'shipped',
			trackingNumber: '1Z999AA10123456784',
			trackingUrl: 'https://track.example/1Z999AA10123456784',
			shippedDate: '2026-11-22T12:00:00.000Z',
			carrier: { code: 'ups', service: 'ground' },
		};
		await postJson(server.webhookUrl(), shipped);
		expect(only()).toEqual(
			expect.objectContaining({
				trackingNumber: shipped.trackingNumber,
				trackingUrl: shipped.trackingUrl,
				shippedDate: shipped.shippedDate,
				carrier: shipped.carrier,
			}),
		);
		server.reset();
		await postJson(server.webhookUrl(), RECEIVED);
		const item = only();
		for (const field of ['trackingNumber', 'trackingUrl', 'shippedDate', 'carrier', 'order', 'orderFetchError']) {
			expect(item).not.toHaveProperty(field);
		}
		expect(item.orderId).toBe(RECEIVED.orderId);
	});

	it('gives null identifiers when the payload has none', async () => {
		await postJson(server.webhookUrl(), { event: 'Stock Alert', sku: 'PAPER-A4' });
		expect(only()).toEqual(expect.objectContaining({ orderId: null, sourceOrderId: null, status: null }));
	});
});

describe('credential test (testedBy)', () => {
	const test = new PrintOsSiteFlowTrigger().methods.credentialTest.siteFlowPostbackAuthTest;
	const run = (data: IDataObject) =>
		test.call({} as ICredentialTestFunctions, { id: '1', name: 'c', type: 'siteFlowPostbackAuthApi', data } as ICredentialsDecrypted);

	it('accepts a complete header token or basic pair', async () => {
		await expect(run(HEADER_AUTH)).resolves.toEqual(expect.objectContaining({ status: 'OK' }));
		await expect(run(BASIC_AUTH)).resolves.toEqual(expect.objectContaining({ status: 'OK' }));
	});

	it('refuses empty, half-filled or invalid credentials', async () => {
		await expect(run({})).resolves.toEqual(expect.objectContaining({ status: 'Error' }));
		await expect(run({ headerName: 'X-Token', token: '' })).resolves.toEqual(
			expect.objectContaining({ status: 'Error', message: expect.stringMatching(/token/) }),
		);
		await expect(run({ headerName: 'Bad Header', token: TOKEN })).resolves.toEqual(
			expect.objectContaining({ status: 'Error', message: expect.stringMatching(/not a valid HTTP header name/) }),
		);
		await expect(run({ user: 'a:b', password: 'secret-secret' })).resolves.toEqual(expect.objectContaining({ status: 'Error' }));
	});

	it('warns about short secrets', async () => {
		await expect(run({ headerName: 'X-Token', token: 'short' })).resolves.toEqual(
			expect.objectContaining({ status: 'OK', message: expect.stringMatching(/short/) }),
		);
	});
});

describe('version 2: n8n parses the body', () => {
	beforeEach(() => {
		server.configure({
			typeVersion: 2,
			parameters: { path: 'siteflow', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: HEADER_AUTH },
		});
	});
	afterEach(() => server.configure({ typeVersion: 1 }));

	it('is opt-in (version 1 stays the default), and the raw-body option belongs to version 1 only', () => {
		const { description } = new PrintOsSiteFlowTrigger();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(1);
		const options = description.properties.find((property) => property.name === 'options')!;
		expect(options.displayOptions).toEqual({ show: { '@version': [1] } });
	});

	it('emits a JSON postback once, with the fields read from n8n’s parsed body and no secret', async () => {
		const response = await postJson(server.webhookUrl(), RECEIVED, { 'x-siteflow-token': TOKEN });
		expect(response.status).toBe(200);
		const item = only();
		expect(item).toEqual(expect.objectContaining({ event: 'Order Received', orderId: RECEIVED.orderId, sourceOrderId: 'SRC-1001', status: 'received' }));
		expect(item.body).toEqual(RECEIVED);
		expect(JSON.stringify(item)).not.toContain(TOKEN);
	});

	it('answers a wrong token 401 and starts nothing', async () => {
		const response = await postJson(server.webhookUrl(), RECEIVED, { 'x-siteflow-token': TOKEN.slice(1) });
		expect(response.status).toBe(401);
		expect(server.emissions).toHaveLength(0);
	});

	it('leaves broken JSON to n8n’s 422, with or without the token, and starts nothing', async () => {
		for (const headers of [{ 'x-siteflow-token': TOKEN }, {}] as Array<Record<string, string>>) {
			const response = await send(server.webhookUrl(), { headers: { 'content-type': 'application/json', ...headers }, body: '{"event": printready}' });
			expect(response.status).toBe(422);
		}
		expect(server.emissions).toHaveLength(0);
	});

	it('still reads an XML template from the raw text, not from n8n’s XML object', async () => {
		const xml = '<postback><event>Order Printready</event><sourceOrderId>SRC-2</sourceOrderId><status>printready</status></postback>';
		const response = await send(server.webhookUrl(), { headers: { 'content-type': 'application/xml', 'x-siteflow-token': TOKEN }, body: xml });
		expect(response.status).toBe(200);
		expect(only()).toEqual(expect.objectContaining({ event: 'Order Printready', sourceOrderId: 'SRC-2', body: xml }));
	});
});
