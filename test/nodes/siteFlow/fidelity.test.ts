/**
 * The Site Flow node against the sandbox on the points of issue 17 where HP's own clients showed
 * that a stand-in (or the node) was stricter than PrintOS: an order without item quantities goes
 * through, and the credential's Service User Account ID acts in the named account end to end.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_CREDENTIALS } from '../../../sandbox';
import { validOrder } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, expectNoSecret, useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;

function submitJson(order: IDataObject, extra: IDataObject = {}): IDataObject {
	return { resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order, ...extra };
}

function withoutQuantities(sourceOrderId: string): IDataObject {
	const order = validOrder(sourceOrderId);
	for (const item of order.orderData.items) delete item.quantity;
	return order;
}

describe.each(BOTH_AUTHS)('items without quantity, with %s', (auth) => {
	it('validates and submits; PrintOS stores quantity 1', async () => {
		const validated = await run({ resource: 'order', operation: 'validate', inputMode: 'json', orderJson: withoutQuantities('NQ-V') }, { auth });
		expect(validated.error).toBeUndefined();
		const result = await run(submitJson(withoutQuantities('NQ-1')), { auth });
		expect(result.error).toBeUndefined();
		const stored = harness.sandbox().orders({ sourceOrderId: 'NQ-1' });
		expect(stored).toHaveLength(1);
		expect(stored[0].orderData.items.map((item: IDataObject) => item.quantity)).toEqual(stored[0].orderData.items.map(() => 1));
	});

	it('still stops a given quantity below 1 before any request, naming the item and field', async () => {
		const order = validOrder('NQ-2');
		order.orderData.items[0].quantity = 0;
		const result = await run(submitJson(order), { auth });
		expect(result.error?.message).toMatch(/^Item 0: /);
		expect(result.error?.message).toContain('orderData.items[0].quantity');
		expect(harness.apiRequests()).toEqual([]);
	});
});

describe('to the order service without quantity', () => {
	it('is accepted and becomes an order, not a submission error', async () => {
		const result = await run(submitJson(withoutQuantities('NQ-3'), { submitTarget: 'orderService' }));
		expect(result.error).toBeUndefined();
		expect(harness.sandbox().submissionErrors()).toEqual([]);
		expect(harness.sandbox().orders({ sourceOrderId: 'NQ-3' })).toHaveLength(1);
		const post = harness.apiRequests().find((request) => request.method === 'POST');
		expect(post).toMatchObject({ family: 'orderService', path: '/api/order', status: 201 });
	});
});

describe('Service User Account ID (x-oneflow-account)', () => {
	const service = SANDBOX_CREDENTIALS.serviceUser;

	/** The brand's account id, read through the node with the brand's own token. */
	async function brandAccountId(): Promise<string> {
		const result = await run({ resource: 'account', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.name).toBe(SANDBOX_CREDENTIALS.sourceAccount);
		return result.items[0].json._id as string;
	}

	it('a service user submits and reads orders in the account it names', async () => {
		const accountId = await brandAccountId();
		const asService = { credentials: { token: service.token, secret: service.secret, accountId } };
		const submitted = await run(submitJson(validOrder('SU-N1')), asService);
		expect(submitted.error).toBeUndefined();
		const stored = harness.sandbox().orders({ sourceOrderId: 'SU-N1' });
		expect(stored).toHaveLength(1);
		expect(stored[0].source.name).toBe(SANDBOX_CREDENTIALS.sourceAccount);
		const post = harness.apiRequests().find((request) => request.method === 'POST');
		expect(post?.headers['x-oneflow-account']).toBe(accountId);

		const read = await run({ resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: 'SU-N1' }, asService);
		expect(read.error).toBeUndefined();
		expect(read.items[0].json._id).toBe(stored[0]._id);
		expectNoSecret(read, service.secret);
	});

	it('without the field the same token is its own account, and cannot see the brand\'s order', async () => {
		const accountId = await brandAccountId();
		await run(submitJson(validOrder('SU-N2')), { credentials: { token: service.token, secret: service.secret, accountId } });
		const read = await run(
			{ resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: 'SU-N2' },
			{ credentials: { token: service.token, secret: service.secret, accountId: '' } },
		);
		expect(read.error?.httpCode).toBe('404');
		expect(harness.apiRequests().at(-1)?.headers['x-oneflow-account']).toBeUndefined();
	});

	it('a token that may not act for the account gets PrintOS\'s 403, and nothing is created', async () => {
		const result = await run(submitJson(validOrder('SU-N3')), { credentials: { accountId: '0123456789abcdef01234567' } });
		expect(result.error?.httpCode).toBe('403');
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/not a service user/);
		expect(harness.sandbox().orders()).toEqual([]);
		expectNoSecret(result);
	});
});
