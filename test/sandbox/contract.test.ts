/**
 * Contract: the requests HP's own samples and SDKs make (method, path, headers, body shape), sent
 * to the sandbox as those clients send them, each answered as the sample expects. Written from the
 * API reference (`printos-api.md`: §1 signing, §2 Box, §3 Site Flow), not from the sandbox code;
 * the signing below is spelled out here again so that neither the credentials' nor the sandbox's
 * signing module is trusted.
 *
 * Which client each block mirrors:
 * - Box: the current (SHA256) JavaScript/Python samples and the Postman collection (spec §2.1, S1):
 *   `x-hp-hmac-*` with `x-hp-hmac-algorithm: SHA256`, `Content-Type: application/json` on every call.
 * - Site Flow: the oneflow SDKs (spec §1.2, S4–S6): JavaScript (ISO date with milliseconds), PHP
 *   (Unix seconds) and Python (local time without a zone), `x-oneflow-algorithm: SHA256`.
 * - The order service: the Python SDK's `POST https://orders.oneflow.io/api/order` (spec O3, B5).
 */
import { createHmac } from 'crypto';

import { startSandbox, type Sandbox } from '../../sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	// a frozen production clock: orders stay as submitted while the contract runs
	sandbox = await startSandbox({ port: 0, realtime: false });
});
afterAll(() => sandbox.close());

const KEY = 'sandbox-key';
const TOKEN = 'sandbox-token';
const SECRET = 'sandbox-secret';
const PSP = 'hp.sandbox-psp';
const SOURCE_ACCOUNT = 'sandbox-brand';

interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

async function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
	const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Spec §1.1: METHOD + " " + path below the service prefix (no query) + date, HMAC-SHA256, hex. */
function box(method: string, path: string, body?: unknown): Promise<Answer> {
	const date = new Date().toISOString();
	const signed = `${method} ${path.split('?')[0]}${date}`;
	const signature = createHmac('sha256', SECRET).update(signed).digest('hex');
	return call(
		`${sandbox.url}/box${path}`,
		method,
		{
			'X-HP-HMAC-Authentication': `${KEY}:${signature}`,
			'X-HP-HMAC-Date': date,
			'X-HP-HMAC-Algorithm': 'SHA256',
			'Content-Type': 'application/json',
		},
		body,
	);
}

type DateStyle = 'js' | 'php' | 'python';

/** How each SDK writes `x-oneflow-date` (spec §1.2). */
function sdkDate(style: DateStyle): string {
	const now = new Date();
	if (style === 'php') return String(Math.floor(now.getTime() / 1000));
	if (style === 'python') {
		const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString();
		return local.slice(0, 19).replace('T', ' ');
	}
	return now.toISOString();
}

/** Spec §1.2: METHOD + " " + decoded pathname including /api + " " + date. */
function siteFlowAt(root: string, method: string, path: string, style: DateStyle, body?: unknown): Promise<Answer> {
	const date = sdkDate(style);
	const pathname = decodeURIComponent(new URL(`${root}${path}`).pathname);
	const signature = createHmac('sha256', SECRET).update(`${method} ${pathname} ${date}`).digest('hex');
	const headers: Record<string, string> = {
		'x-oneflow-authorization': `${TOKEN}:${signature}`,
		'x-oneflow-date': date,
		'x-oneflow-algorithm': 'SHA256',
		'content-type': 'application/json',
	};
	// The JS SDK sends `{}` for a null body on writes, nothing on GET (spec §3.1)
	return call(`${root}${path}`, method, headers, method === 'GET' ? undefined : (body ?? {}));
}

const siteFlow = (method: string, path: string, style: DateStyle = 'js', body?: unknown) => siteFlowAt(`${sandbox.url}/api`, method, path, style, body);
const orderService = (body: unknown) => siteFlowAt(sandbox.orderServiceUrl, 'POST', '/order', 'python', body);

let serial = 0;

/**
 * The order of HP's gateway JavaScript sample and the Site Flow Postman collection (spec §3.5): no
 * quantity on the item, a fetched component, one shipment.
 */
function sampleOrder(options: { quantity?: number; upload?: boolean } = {}) {
	serial++;
	return {
		destination: { name: PSP },
		orderData: {
			sourceOrderId: `CT-${Date.now().toString(36)}-${serial}`,
			items: [
				{
					sku: 'Business Cards',
					sourceItemId: `item-${serial}`,
					...(options.quantity === undefined ? {} : { quantity: options.quantity }),
					components: [
						options.upload
							? { code: 'Content', fetch: false, localFile: false, path: 'business_cards.pdf' }
							: { code: 'Content', fetch: true, path: 'http://www.example.com/businessCard.pdf' },
					],
				},
			],
			shipments: [
				{
					shipTo: { name: 'John Doe', companyName: 'Acme', address1: '1234 Main St.', town: 'Anytown', state: 'CA', postcode: '12345', isoCountry: 'US' },
					carrier: { code: 'customer', service: 'shipping' },
				},
			],
		},
	};
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

describe('Box samples (spec §2.1)', () => {
	let folderId: string;

	it('create folder: 200 with the folder _id the samples keep', async () => {
		const reply = await box('POST', '/api/partner/folder', { name: 'Contract Folder', from: 'sender@acme.com', to: 'recipient@psp.com' });
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ _id: expect.stringMatching(OBJECT_ID), name: 'Contract Folder', lname: 'contract folder', status: 'ready', fileCount: 0 });
		folderId = reply.body._id;
	});

	it('get folder: 200 with the same folder', async () => {
		const reply = await box('GET', `/api/partner/folder/${folderId}`);
		expect(reply.status).toBe(200);
		expect(reply.body._id).toBe(folderId);
	});

	it('add file with copies as a string, as the samples send them: 200 with the file object', async () => {
		const reply = await box('POST', '/api/partner/file', {
			url: 'https://www.example.com/html/pic_mountain.jpg',
			folderId,
			name: 'Python_File.pdf',
			copies: '10',
			notes: 'File was uploaded using Python',
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ folderId, name: 'Python_File.pdf', printInstructions: { copies: 10 }, lastAction: 'Preflighting' });
		expect(reply.body.id).toBe(reply.body._id);
		expect(reply.body.currentVersion._id).toBe(reply.body.currentVersionId);
	});

	it('add file without copies: 200', async () => {
		const reply = await box('POST', '/api/partner/file', { url: 'https://www.example.com/a.pdf', folderId, name: 'a.pdf' });
		expect(reply.status).toBe(200);
		expect(reply.body.folderId).toBe(folderId);
	});

	it('substrates: an array whose first entry is the substrate value (Postman reads responseJSON[0])', async () => {
		const reply = await box('GET', '/api/partner/substrate');
		expect(reply.status).toBe(200);
		expect(Array.isArray(reply.body)).toBe(true);
		expect(typeof reply.body[0]).toBe('string');
	});

	it('flows: {items} with name and _id (Postman reads items[0].name)', async () => {
		const reply = await box('GET', '/api/partner/flow');
		expect(reply.status).toBe(200);
		expect(reply.body.items[0]).toMatchObject({ name: expect.any(String), _id: expect.any(String) });
	});

	it('upload URLs: an upload URL to PUT to without HMAC headers, then the fetch URL added as a file', async () => {
		const reply = await box('GET', '/api/partner/file/uploadurls?mimeType=application/pdf');
		expect(reply.status).toBe(200);
		const entries = Object.entries(reply.body as Record<string, unknown>).filter(([, value]) => typeof value === 'string' && /^https?:\/\//.test(value));
		const upload = entries.find(([name]) => /upload/i.test(name))?.[1] as string;
		const fetchUrl = entries.find(([name]) => /fetch/i.test(name))?.[1] as string;
		expect(upload).toBeDefined();
		expect(fetchUrl).toBeDefined();
		const bytes = '%PDF-1.4 contract';
		const put = await fetch(upload, { method: 'PUT', headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(bytes.length) }, body: bytes });
		expect(put.status).toBe(200);
		const added = await box('POST', '/api/partner/file', { url: fetchUrl, folderId, name: 'uploaded.pdf', copies: 1 });
		expect(added.status).toBe(200);
		expect(added.body.size).toBe(bytes.length);
	});
});

describe('Site Flow SDK calls (spec §3.2–3.4)', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let submitted: any;

	it('validate: 200 with the expanded order (destination.id filled in)', async () => {
		const order = sampleOrder();
		const reply = await siteFlow('POST', '/order/validate', 'js', order);
		expect(reply.status).toBe(200);
		expect(reply.body.orderData.sourceOrderId).toBe(order.orderData.sourceOrderId);
		expect(reply.body.destination).toMatchObject({ name: PSP, id: expect.stringMatching(OBJECT_ID) });
	});

	it('submit without quantity (the gateway JS sample, Postman expects 201): {order, success}', async () => {
		const reply = await siteFlow('POST', '/order', 'js', sampleOrder());
		expect(reply.status).toBe(201);
		expect(reply.body.success).toBe(true);
		expect(reply.body.order).toMatchObject({ _id: expect.stringMatching(OBJECT_ID), orderData: { status: 'dataready' } });
		expect(reply.body.order.orderData.items[0].quantity).toBe(1);
	});

	it('submit with quantity and an upload component: each file to upload has a url the SDK PUTs to', async () => {
		const reply = await siteFlow('POST', '/order', 'js', sampleOrder({ quantity: 250, upload: true }));
		expect(reply.status).toBe(201);
		submitted = reply.body.order;
		expect(submitted.orderData.items[0].quantity).toBe(250);
		const toUpload = submitted.files.filter((file: { fetch: boolean; localFile: boolean }) => !file.fetch && !file.localFile);
		expect(toUpload).toHaveLength(1);
		const bytes = '%PDF-1.4 artwork';
		const put = await fetch(toUpload[0].url, { method: 'PUT', headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(bytes.length) }, body: bytes });
		expect(put.status).toBe(200);
	});

	it('submit through a routing rule (JS SDK): same answer as submit', async () => {
		const reply = await siteFlow('POST', '/order/route/12ab34cd56ef', 'js', sampleOrder());
		expect(reply.status).toBe(201);
		expect(reply.body.order._id).toMatch(OBJECT_ID);
	});

	it('get by id (PHP SDK): the order document itself', async () => {
		const reply = await siteFlow('GET', `/order/${submitted._id}`, 'php');
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ _id: submitted._id, orderData: { sourceOrderId: submitted.orderData.sourceOrderId } });
	});

	it('get by source order id (Python sample), the id percent-encoded and signed decoded', async () => {
		const order = sampleOrder();
		order.orderData.sourceOrderId = `CT ${serial}/x`;
		expect((await siteFlow('POST', '/order', 'js', order)).status).toBe(201);
		const reply = await siteFlow('GET', `/order/bysourceid/${encodeURIComponent(order.orderData.sourceOrderId)}`, 'python');
		expect(reply.status).toBe(200);
		expect(reply.body.orderData.sourceOrderId).toBe(order.orderData.sourceOrderId);
	});

	it('list (PHP SDK ?page=&pagesize=): data[0]._id (Postman)', async () => {
		const reply = await siteFlow('GET', '/order?page=1&pagesize=10', 'php');
		expect(reply.status).toBe(200);
		expect(reply.body.data[0]._id).toMatch(OBJECT_ID);
	});

	it('order files (PHP ProductionSDK getOrderFiles)', async () => {
		const reply = await siteFlow('GET', `/files/order/${submitted._id}`, 'php');
		expect(reply.status).toBe(200);
		expect(reply.body[0]).toMatchObject({ orderId: submitted._id, type: 'artwork' });
	});

	it('mark shipped (PHP ship-shipment.php): PUT with an optional JSON body', async () => {
		const shipmentId = submitted.orderData.shipments[0]._id;
		const reply = await siteFlow('PUT', `/shipment/shipped/${shipmentId}`, 'php', { trackingNumber: '1Z999' });
		expect(reply.status).toBe(200);
		expect(sandbox.order(submitted._id)?.orderData.shipments[0]).toMatchObject({ status: 'shipped', trackingNumber: '1Z999' });
	});

	it('cancel by id (PHP cancel-order.php): {order: {_id}}', async () => {
		const order = (await siteFlow('POST', '/order', 'js', sampleOrder())).body.order;
		const reply = await siteFlow('PUT', `/order/${order._id}/cancel`, 'php');
		expect(reply.status).toBe(200);
		expect(reply.body.order._id).toBe(order._id);
	});

	it('cancel by source account and source order id (Python cancel-source-order.py): a JSON object', async () => {
		const order = (await siteFlow('POST', '/order', 'js', sampleOrder())).body.order;
		const reply = await siteFlow('PUT', `/order/${SOURCE_ACCOUNT}/${encodeURIComponent(order.orderData.sourceOrderId)}/cancel`, 'python');
		expect(reply.status).toBe(200);
		expect(typeof reply.body).toBe('object');
		expect(sandbox.order(order._id)?.orderData.status).toBe('cancelled');
	});

	it('order service submit (Python SDK, orders.oneflow.io/api/order): {_id, url, timestamp, sourceAccountId}', async () => {
		const order = sampleOrder();
		const reply = await orderService(order);
		expect(reply.status).toBeGreaterThanOrEqual(200);
		expect(reply.status).toBeLessThan(300);
		expect(reply.body).toMatchObject({ _id: expect.stringMatching(OBJECT_ID), url: expect.stringMatching(/^http/), timestamp: expect.any(String), sourceAccountId: expect.any(String) });
		// asynchronous: the order appears under the id the service answered with
		const stored = await siteFlow('GET', `/order/${reply.body._id}`, 'js');
		expect(stored.body.orderData.sourceOrderId).toBe(order.orderData.sourceOrderId);
	});

	it.each([
		['account', '/account'],
		['SKUs', '/sku'],
		['stock', '/stock'],
		['products', '/product'],
	])('%s: 200 with a JSON body', async (_name, path) => {
		const reply = await siteFlow('GET', path, 'php');
		expect(reply.status).toBe(200);
		expect(typeof reply.body).toBe('object');
		if (path !== '/account') expect(reply.body.data.length).toBeGreaterThan(0);
	});

	it('file upload URL (getpreupload, query not signed): an object with an http URL', async () => {
		const reply = await siteFlow('GET', '/file/getpreupload?mimeType=application/pdf', 'js');
		expect(reply.status).toBe(200);
		expect(Object.values(reply.body).some((value) => typeof value === 'string' && /^https?:\/\//.test(value))).toBe(true);
	});
});
