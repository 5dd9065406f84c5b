/**
 * Issue 15 on the Site Flow trigger, over real HTTP in n8n-core's real WebhookContext (see
 * test/nodes/trigger/webhookHarness.ts) against the sandbox: odd bodies never throw, deep JSON is
 * refused before a workflow starts (both node versions), lookups read own properties only, ids from
 * a postback are checked before a fetch, URLs in `orderFetchError` carry no user-info, and with
 * Authentication "None" order fetches stay within their budget.
 */
import type { IDataObject } from 'n8n-workflow';

import { UNAUTHENTICATED_FETCHES_PER_MINUTE } from '../../nodes/PrintOs/SiteFlowTrigger/fetchBudget';
import { MAX_JSON_DEPTH } from '../../nodes/PrintOs/SiteFlowTrigger/jsonDepth';
import { useTriggerSandbox } from '../nodes/trigger/triggerSandbox';
import { postJson, send } from '../nodes/trigger/webhookHarness';

const TOKEN = 'tok-hardening-0a1b2c3d4e5f60718293';
const HEADER_AUTH = { headerName: 'X-SiteFlow-Token', token: TOKEN, user: '', password: '' };

const trigger = useTriggerSandbox();
beforeEach(() => {
	trigger.server.configure({ typeVersion: 1, parameters: { path: 'siteflow', authentication: 'headerToken' }, credentials: { siteFlowPostbackAuthApi: HEADER_AUTH } });
});

const withToken = { 'x-siteflow-token': TOKEN };

describe.each([1, 2])('node version %i: odd bodies', (typeVersion) => {
	beforeEach(() => trigger.server.configure({ typeVersion }));

	it(`answers JSON nested deeper than ${MAX_JSON_DEPTH} levels with 400 and starts nothing`, async () => {
		for (const depth of [MAX_JSON_DEPTH + 1, 10_000]) {
			const body = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
			const response = await send(trigger.server.webhookUrl(), { headers: { 'content-type': 'application/json', ...withToken }, body });
			expect(response.status).toBe(400);
			expect(response.json?.message).toMatch(/nested more than 100 levels deep/);
		}
		const fine = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}{"event":"Order Received"}${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
		expect((await send(trigger.server.webhookUrl(), { headers: { 'content-type': 'application/json', ...withToken }, body: fine })).status).toBe(200);
		expect(trigger.server.emissions).toHaveLength(1);
		expect(trigger.server.handled.every((request) => request.error === undefined)).toBe(true);
	});

	it('reads an XML postback with out-of-range character references without an error', async () => {
		const body = '<postback><event>Order Received</event><sourceOrderId>A&#99999999;B&#x110000;</sourceOrderId></postback>';
		const response = await send(trigger.server.webhookUrl(), { headers: { 'content-type': 'text/plain', ...withToken }, body });
		expect(response.status).toBe(200);
		expect(trigger.server.emissions[0].items[0].json.sourceOrderId).toBe('A&#99999999;B&#x110000;');
	});

	it('answers a 1 MiB adversarial XML body like any other', async () => {
		const body = `<status>${' '.repeat(1024 * 1024)}`;
		const response = await send(trigger.server.webhookUrl(), { headers: { 'content-type': 'text/plain', ...withToken }, body });
		expect(response.status).toBe(200);
		expect(trigger.server.emissions[0].items[0].json.status).toBeNull();
	});
});

describe('own properties only', () => {
	it.each(['constructor', '__proto__', 'toString'])('a credential header name "%s" matches only a real header of that name', async (headerName) => {
		trigger.server.configure({ credentials: { siteFlowPostbackAuthApi: { ...HEADER_AUTH, headerName } } });
		const without = await postJson(trigger.server.webhookUrl(), { event: 'Order Received' });
		expect(without.status).toBe(401);
		expect(trigger.server.emissions).toHaveLength(0);
	});

	it.each(['constructor', '__proto__', 'constructor.name', 'hasOwnProperty'])('an event field "%s" finds nothing inherited', async (eventField) => {
		trigger.server.configure({ parameters: { path: 'siteflow', authentication: 'headerToken', eventField, events: ['orderCancelled'] } });
		const response = await postJson(trigger.server.webhookUrl(), { status: 'cancelled' }, withToken);
		expect(response.status).toBe(200);
		// no event in the payload: derived from the status, not from Object.prototype
		expect(trigger.server.emissions[0].items[0].json).toEqual(expect.objectContaining({ eventValue: 'orderCancelled', eventSource: 'status' }));
	});
});

describe('Fetch Full Order', () => {
	const fetchParameters = (authentication: string) => ({ path: 'siteflow', authentication, fetchOrder: true, orderAuthentication: 'siteFlowApi' });

	it.each(['.', '..'])('refuses the id %j from a postback before any request, naming the field', async (orderId) => {
		trigger.server.configure({ parameters: fetchParameters('headerToken'), credentials: { siteFlowPostbackAuthApi: HEADER_AUTH, siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		const before = trigger.sandbox.requests().length;
		await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId }, withToken);
		const [emission] = await trigger.server.waitForEmissions(1);
		expect((emission.items[0].json.orderFetchError as IDataObject).message).toMatch(/"orderId" "\.{1,2}" is not an id/);
		expect(trigger.sandbox.requests().length).toBe(before);
	});

	it('names a custom base URL with user-info nowhere in orderFetchError', async () => {
		const credential = { ...trigger.sandbox.credentialData().siteFlowApi, baseUrl: `${trigger.sandbox.url.replace('://', '://ops:base-url-password@')}/api` };
		trigger.server.configure({ parameters: fetchParameters('headerToken'), credentials: { siteFlowPostbackAuthApi: HEADER_AUTH, siteFlowApi: credential } });
		await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId: '65a1b2c3d4e5f60718293a4b' }, withToken);
		const [emission] = await trigger.server.waitForEmissions(1);
		const error = emission.items[0].json.orderFetchError as IDataObject;
		expect(error.message).toMatch(/must not contain a user name or password/);
		expect(JSON.stringify(emission.items)).not.toMatch(/base-url-password|ops:/);
	});

	it(`with Authentication None fetches at most ${UNAUTHENTICATED_FETCHES_PER_MINUTE} orders a minute; the rest say so in orderFetchError`, async () => {
		trigger.server.configure({ parameters: fetchParameters('none'), credentials: { siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		const total = UNAUTHENTICATED_FETCHES_PER_MINUTE + 3;
		for (let index = 0; index < total; index++) {
			const response = await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId: `ffffffffffffffffffff${String(index).padStart(4, '0')}` });
			expect(response.status).toBe(200);
			await trigger.server.waitForEmissions(index + 1);
		}
		const errors = trigger.server.emissions.map((emission) => emission.items[0].json.orderFetchError as IDataObject);
		const skipped = errors.filter((error) => /more than \d+ postbacks asked for an order fetch within a minute/.test(String(error.message)));
		expect(skipped).toHaveLength(3);
		expect(errors.filter((error) => error.httpCode === '404')).toHaveLength(UNAUTHENTICATED_FETCHES_PER_MINUTE);
		const orderLookups = trigger.sandbox.requests().filter((entry) => JSON.stringify(entry).includes('/api/order/ffff'));
		expect(orderLookups).toHaveLength(UNAUTHENTICATED_FETCHES_PER_MINUTE);
	});

	it('with authentication, fetches are not limited by that budget', async () => {
		trigger.server.configure({ parameters: fetchParameters('headerToken'), credentials: { siteFlowPostbackAuthApi: HEADER_AUTH, siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		const total = UNAUTHENTICATED_FETCHES_PER_MINUTE + 3;
		for (let index = 0; index < total; index++) {
			await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId: `eeeeeeeeeeeeeeeeeeee${String(index).padStart(4, '0')}` }, withToken);
			await trigger.server.waitForEmissions(index + 1);
		}
		const errors = trigger.server.emissions.map((emission) => emission.items[0].json.orderFetchError as IDataObject);
		expect(errors.every((error) => error.httpCode === '404')).toBe(true);
	});
});
