/**
 * No duplicate orders. The sandbox processes a Submit and then drops the connection
 * (`dropAfterProcessing`): the node cannot know whether the order exists. It must look it up by
 * sourceOrderId before sending anything again, and say what happened. Run for the Site Flow API,
 * the asynchronous order service and the gateway (printOsApi credential), then the orders are
 * counted in the sandbox: exactly one each.
 */
import type { IDataObject } from 'n8n-workflow';

import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { itemsOf, ordersFor, validOrder } from './lib/operations';
import type { Auth, World } from './lib/world';
import { itLeaksNoSecret, useWorld } from './useWorld';

const world = useWorld();

interface Target {
	name: string;
	auth: Auth;
	submitTarget: 'siteFlowApi' | 'orderService' | 'routingRule';
	/** The POST that creates the order, as the sandbox logs it. */
	submitPath: string;
	/** The sandbox's front door for the POST (the order service's `/api/order` is on its own port). */
	family: string;
	lookupPath: string;
}

const TARGETS: Target[] = [
	{ name: 'Site Flow API (token)', auth: 'siteFlowApi', submitTarget: 'siteFlowApi', submitPath: '/api/order', family: 'siteFlow', lookupPath: '/api/order/bysourceid/' },
	{ name: 'order service (token)', auth: 'siteFlowApi', submitTarget: 'orderService', submitPath: '/api/order', family: 'orderService', lookupPath: '/api/order/bysourceid/' },
	{ name: 'gateway (printOsApi key)', auth: 'printOsApi', submitTarget: 'siteFlowApi', submitPath: '/siteflow/api/order', family: 'gatewaySiteFlow', lookupPath: '/siteflow/api/order/bysourceid/' },
	{ name: 'routing rule (token)', auth: 'siteFlowApi', submitTarget: 'routingRule', submitPath: '/api/order/route/', family: 'siteFlow', lookupPath: '/api/order/bysourceid/' },
];

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36).slice(-4)}`;

async function submit(current: World, target: Target, sourceOrderIds: string[], requestOptions: IDataObject = {}) {
	return await current.run(
		'siteFlow',
		target.auth,
		{
			resource: 'order',
			operation: 'submit',
			submitTarget: target.submitTarget,
			...(target.submitTarget === 'routingRule' ? { routingRuleKey: 'rel-routing-key-0001' } : {}),
			inputMode: 'json',
			orderJson: '={{ $json.order }}',
		},
		{ items: itemsOf(sourceOrderIds.map((id) => ({ order: validOrder(id) }))), continueOnFail: true, requestOptions },
	);
}

function submissions(current: World, target: Target) {
	return current.sandbox.admin
		.requests(5000)
		.requests.filter((entry) => entry.method === 'POST' && entry.family === target.family && entry.path.startsWith(target.submitPath) && !entry.path.includes('/validate'));
}

function lookups(current: World, target: Target, sourceOrderId: string) {
	return current.sandbox.admin.requests(5000).requests.filter((entry) => entry.method === 'GET' && entry.path === `${target.lookupPath}${encodeURIComponent(sourceOrderId)}`);
}

beforeEach(() => {
	world().sandbox.admin.reset({});
});

describe.each(TARGETS.map((target) => [target.name, target] as const))('Submit to the %s, connection dropped after processing', (_name, target) => {
	it('looks the order up instead of sending it again, reports it, and leaves exactly one order', async () => {
		const current = world();
		const id = uniqueId('DUP');
		current.sandbox.admin.setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: target.submitPath, family: target.family } } });
		const run = await submit(current, target, [id]);

		expect(run.result.error).toBeUndefined();
		const json = run.result.items[0].json;
		expect(json.error).toBeUndefined();
		expect(json.submission).toMatchObject({ outcome: 'confirmedAfterConnectionLoss', requests: 1, sourceOrderId: id, target: target.submitTarget });
		expect(String((json.submission as IDataObject).note)).toMatch(/found by its sourceOrderId, so it was not sent again/);
		// what was sent: the dropped submission, then the lookup, and nothing more
		const sent = submissions(current, target);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ dropped: true });
		expect(lookups(current, target, id).length).toBeGreaterThanOrEqual(1);
		// and what PrintOS has
		expect(ordersFor(current, id)).toEqual({ orders: 1, submissionErrors: 0 });
		expect(current.sandbox.admin.orders({ sourceOrderId: id }).orders).toHaveLength(1);
	});

	it('ten items in parallel, three connections dropped: every order exactly once', async () => {
		const current = world();
		const ids = Array.from({ length: 10 }, () => uniqueId('PAR'));
		current.sandbox.admin.setFaults({ dropAfterProcessing: { count: 3, match: { method: 'POST', path: target.submitPath, family: target.family } } });
		const run = await submit(current, target, ids, { concurrency: 10 });

		expect(run.result.error).toBeUndefined();
		const outcomes = run.result.items.map((item) => (item.json.submission as IDataObject | undefined)?.outcome ?? item.json.error);
		expect(outcomes.filter((outcome) => outcome === 'confirmedAfterConnectionLoss')).toHaveLength(3);
		expect(outcomes.filter((outcome) => outcome === 'submitted')).toHaveLength(7);
		expect(submissions(current, target)).toHaveLength(10);
		for (const id of ids) expect(ordersFor(current, id)).toEqual({ orders: 1, submissionErrors: 0 });
	});
});

describe('the connection is lost before the order is processed', () => {
	it.each(TARGETS.filter((target) => target.submitTarget !== 'orderService').map((target) => [target.name, target] as const))(
		'%s: not found by the lookup, so sent once more; one order',
		async (_name, target) => {
			const current = world();
			const id = uniqueId('BEFORE');
			current.sandbox.admin.setFaults({ dropBeforeProcessing: { count: 1, match: { method: 'POST', path: target.submitPath, family: target.family } } });
			const run = await submit(current, target, [id]);
			expect(run.result.items[0].json.submission).toMatchObject({ outcome: 'resubmittedAfterConnectionLoss', requests: 2 });
			expect(submissions(current, target)).toHaveLength(2);
			expect(ordersFor(current, id)).toEqual({ orders: 1, submissionErrors: 0 });
		},
	);

	it('twice in a row, first before and then after processing: found after the second, still one order', async () => {
		const current = world();
		const target = TARGETS[0];
		const id = uniqueId('TWICE');
		current.sandbox.admin.setFaults({
			dropBeforeProcessing: { count: 1, match: { method: 'POST', path: target.submitPath, family: target.family } },
			dropAfterProcessing: { count: 1, match: { method: 'POST', path: target.submitPath, family: target.family } },
		});
		const run = await submit(current, target, [id]);
		expect(run.result.items[0].json.submission).toMatchObject({ outcome: 'confirmedAfterConnectionLoss', requests: 2 });
		expect(submissions(current, target)).toHaveLength(2);
		expect(ordersFor(current, id)).toEqual({ orders: 1, submissionErrors: 0 });
	});

	it('order service: a miss proves nothing there, so the node refuses to re-send and says what to check', async () => {
		const current = world();
		const target = TARGETS[1];
		const id = uniqueId('ASYNC');
		current.sandbox.admin.setFaults({ dropBeforeProcessing: { count: 1, match: { method: 'POST', path: target.submitPath, family: target.family } } });
		const run = await submit(current, target, [id], { retryBaseMs: 1 });
		const json = run.result.items[0].json;
		const error = json.error as IDataObject;
		expect(String(error.message)).toMatch(new RegExp(`outcome of submitting order "${id}" to the asynchronous order service is unknown.*It was not sent again`));
		expect(String(error.description)).toMatch(/Check in Site Flow whether order/);
		expect(error.sourceOrderId).toBe(id);
		expect(submissions(current, target)).toHaveLength(1);
		// at most one: here none, since the sandbox never received it; never two
		expect(ordersFor(current, id).orders + ordersFor(current, id).submissionErrors).toBeLessThanOrEqual(1);
	});
});

/**
 * Proof that the counts above can see a duplicate: a client that re-sends blindly after a drop.
 * The Site Flow API refuses the second copy (duplicate sourceOrderId); the order service records
 * it as a second submission, which the count above would report.
 */
describe('control: a naive client that re-sends after the drop', () => {
	async function rawPost(current: World, path: string, body: IDataObject) {
		const credential = new SiteFlowApi();
		const signed = await credential.authenticate(current.credentialData('siteFlowApi'), {
			method: 'POST',
			url: `${current.orderServiceUrl.replace(/\/api$/, '')}${path}`,
			body,
			json: true,
		});
		const response = await fetch(signed.url, { method: 'POST', headers: signed.headers as Record<string, string>, body: JSON.stringify(body) }).catch(() => undefined);
		return response?.status;
	}

	it('is seen: the order service holds the order plus a refused duplicate submission', async () => {
		const current = world();
		const id = uniqueId('NAIVE');
		current.sandbox.admin.setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order', family: 'orderService' } } });
		expect(await rawPost(current, '/api/order', validOrder(id))).toBeUndefined();
		expect(await rawPost(current, '/api/order', validOrder(id))).toBe(201);
		expect(ordersFor(current, id)).toEqual({ orders: 1, submissionErrors: 1 });
	});
});

itLeaksNoSecret(world, 20);
