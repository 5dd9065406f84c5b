import { SITE_FLOW_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/SiteFlow/endpoints';
import { startSandbox, type Sandbox } from '../../sandbox';
import { gateway, orderServiceRoot, siteFlow, validOrder } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());

describe('catalogue and account', () => {
	it('GET /account is the credential\'s account, through both schemes', async () => {
		const native = await siteFlow(base, 'GET', '/api/account');
		const viaGateway = await gateway(base, 'GET', '/siteflow/api/account');
		expect(native.body).toMatchObject({ name: 'sandbox-brand', type: 'brand', _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		expect(viaGateway.body._id).toBe(native.body._id);
	});

	it('pages SKUs, including Business Cards with its product', async () => {
		const page = await siteFlow(base, 'GET', '/api/sku?page=1&pagesize=2');
		expect(page.body).toMatchObject({ page: 1, success: true });
		expect(page.body.count).toBeGreaterThanOrEqual(6);
		expect(page.body.pages).toBe(Math.ceil(page.body.count / 2));
		expect(page.body.data).toHaveLength(2);
		const all = await siteFlow(base, 'GET', '/api/sku?pagesize=100');
		const cards = all.body.data.find((sku: { code: string }) => sku.code === 'Business Cards');
		expect(cards).toBeDefined();
		const byId = await siteFlow(base, 'GET', `/api/sku/${cards._id}`);
		expect(byId.body.code).toBe('Business Cards');
		const byCode = await siteFlow(base, 'GET', `/api/sku/${encodeURIComponent('Business Cards')}`);
		expect(byCode.body._id).toBe(cards._id);
		const product = await siteFlow(base, 'GET', `/api/product/${cards.productId}`);
		expect(product.body.components.map((component: { code: string }) => component.code)).toEqual(['Content']);
		expect((await siteFlow(base, 'GET', '/api/sku/nope')).status).toBe(404);
	});

	it('pages products and stock', async () => {
		const products = await siteFlow(base, 'GET', '/api/product?pagesize=100');
		expect(products.body.success).toBe(true);
		expect(products.body.data.length).toBe(products.body.count);
		expect(products.body.data.some((product: { components: unknown[] }) => product.components.length === 2)).toBe(true);
		expect((await siteFlow(base, 'GET', '/api/product/unknown')).status).toBe(404);
		const stock = await siteFlow(base, 'GET', '/api/stock?page=2&pagesize=2');
		expect(stock.body).toMatchObject({ page: 2, pages: 2, count: 3, success: true });
		expect(stock.body.data[0]).toEqual(expect.objectContaining({ code: expect.any(String), barcode: expect.any(String), name: expect.any(String) }));
	});
});

describe('files', () => {
	it('GET /file/getpreupload answers with the first property names the node reads', async () => {
		const reply = await siteFlow(base, 'GET', '/api/file/getpreupload?mimeType=application/pdf');
		expect(reply.status).toBe(200);
		expect(Object.keys(reply.body).sort()).toEqual([SITE_FLOW_UPLOAD_URL_FIELDS.upload[0], SITE_FLOW_UPLOAD_URL_FIELDS.path[0]].sort());
		expect(reply.body.url).toMatch(/\/_uploads\/[0-9a-f]{24}\?signature=\w+$/);
		expect(reply.body.path).toMatch(/\/_uploads\/[0-9a-f]{24}$/);
		const id = reply.body.path.split('/').pop();
		expect(sandbox.upload(id)).toMatchObject({ mimeType: 'application/pdf', complete: false, purpose: 'siteflow' });
	});

	it('lists an order\'s files and gets one by id', async () => {
		const submitted = await siteFlow(base, 'POST', '/api/order', { body: validOrder({ fetch: false, path: 'cards.pdf' }) });
		const order = submitted.body.order;
		const files = await siteFlow(base, 'GET', `/api/files/order/${order._id}`);
		expect(files.status).toBe(200);
		expect(files.body).toHaveLength(1);
		expect(files.body[0]._id).toBe(order.files[0]._id);
		const file = await siteFlow(base, 'GET', `/api/file/${order.files[0]._id}`);
		expect(file.body).toMatchObject({ orderId: order._id, path: 'cards.pdf', status: 'notreceived' });
		expect((await siteFlow(base, 'GET', '/api/file/000000000000000000000000')).status).toBe(404);
		expect((await siteFlow(base, 'GET', '/api/files/order/000000000000000000000000')).status).toBe(404);
	});
});

describe('order service (O3)', () => {
	it('answers 201 at once and makes a valid order with that _id', async () => {
		const body = validOrder({ sourceOrderId: 'OS-1' });
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body });
		expect(reply.status).toBe(201);
		expect(Object.keys(reply.body).sort()).toEqual(['_id', 'sourceAccountId', 'timestamp', 'url']);
		const account = await siteFlow(base, 'GET', '/api/account');
		expect(reply.body.sourceAccountId).toBe(account.body._id);
		const order = await siteFlow(base, 'GET', `/api/order/${reply.body._id}`);
		expect(order.status).toBe(200);
		expect(order.body.orderData.sourceOrderId).toBe('OS-1');
		const stored = await fetch(reply.body.url);
		expect(await stored.json()).toEqual(body);
	});

	it('answers 201 for an invalid order too, and records a submission error', async () => {
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: { destination: { name: 'hp.sandbox-psp' }, orderData: { sourceOrderId: 'OS-BAD' } } });
		expect(reply.status).toBe(201);
		expect((await siteFlow(base, 'GET', `/api/order/${reply.body._id}`)).status).toBe(404);
		const failure = sandbox.submissionErrors().find((entry) => entry._id === reply.body._id);
		expect(failure).toMatchObject({ sourceOrderId: 'OS-BAD', status: 'submissionerror', sourceAccount: 'sandbox-brand' });
		expect(failure?.errorList.map((entry) => entry.path)).toEqual(['orderData.items', 'orderData.shipments']);
	});

	it('turns a duplicate sourceOrderId into a submission error', async () => {
		await siteFlow(base, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'OS-DUP' }) });
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'OS-DUP' }) });
		expect(reply.status).toBe(201);
		const failure = sandbox.submissionErrors().find((entry) => entry._id === reply.body._id);
		expect(failure?.errorList[0]).toMatchObject({ message: 'Source Order ID already exists', path: 'orderData.sourceOrderId' });
	});

	it('serves only POST /order', async () => {
		expect((await siteFlow(orderServiceRoot(sandbox), 'GET', '/api/order')).status).toBe(405);
		expect((await siteFlow(orderServiceRoot(sandbox), 'GET', '/api/sku')).status).toBe(404);
	});
});
