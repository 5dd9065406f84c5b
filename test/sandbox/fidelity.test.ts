/**
 * The sandbox never refuses what PrintOS accepts, and refuses what PrintOS refuses, on the points
 * where HP's own clients showed a difference (issue 17): optional item quantity, the order service's
 * own paths, service users (`x-oneflow-account`), the gateway's legacy SHA1 default, unreadable
 * dates, the real-time clock by default, and the shapes of HP's sample outputs.
 */
import { spawn } from 'child_process';
import { join } from 'path';

import { startSandbox, SANDBOX_CREDENTIALS, type Sandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { admin, gateway, hmacHex, KEY, orderServiceRoot, SECRET, siteFlow, validOrder } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function withoutQuantity(sourceOrderId: string) {
	const order = validOrder({ sourceOrderId });
	delete order.orderData.items[0].quantity;
	return order;
}

describe('1. items[].quantity is optional (default 1); a given one is a whole number ≥ 1', () => {
	it('validate and submit accept an item without quantity and store quantity 1', async () => {
		expect((await siteFlow(base, 'POST', '/api/order/validate', { body: withoutQuantity('NOQ-1') })).status).toBe(200);
		const reply = await siteFlow(base, 'POST', '/api/order', { body: withoutQuantity('NOQ-2') });
		expect(reply.status).toBe(201);
		expect(reply.body.order.orderData.items[0]).toMatchObject({ quantity: 1, printQuantity: 1 });
	});

	it('the order service and the gateway accept it too', async () => {
		const queued = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: withoutQuantity('NOQ-3') });
		expect(queued.status).toBe(201);
		expect(sandbox.submissionErrors()).toEqual([]);
		expect(sandbox.orders({ sourceOrderId: 'NOQ-3' })).toHaveLength(1);
		expect((await gateway(base, 'POST', '/siteflow/api/order', { body: withoutQuantity('NOQ-4') })).status).toBe(201);
	});

	it.each([0, -2, 1.5, 'many'])('refuses quantity %p with a validation at its path', async (quantity) => {
		const order = validOrder({ sourceOrderId: `BADQ-${String(quantity)}` });
		order.orderData.items[0].quantity = quantity;
		const reply = await siteFlow(base, 'POST', '/api/order', { body: order });
		expect(reply.status).toBe(400);
		expect(reply.body.error.validations).toEqual([{ path: 'orderData.items[0].quantity', message: expect.any(String) }]);
	});
});

describe('2. the order service answers on its own port with the real paths', () => {
	it('signs and serves /api/order, as orders.oneflow.io does (spec B5)', async () => {
		const root = orderServiceRoot(sandbox);
		expect(new URL(root).port).not.toBe(String(sandbox.port));
		const date = new Date().toISOString();
		const stringToSign = `POST /api/order ${date}`;
		// the signature HP's Python SDK makes: literally METHOD /api/order date
		const headers = { 'x-oneflow-authorization': `${SANDBOX_CREDENTIALS.siteFlow.token}:${hmacHex('sha256', SECRET, stringToSign)}` };
		const reply = await siteFlow(root, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'OS-PATH' }), date, headers });
		expect(reply.status).toBe(201);
		expect(reply.body).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), sourceAccountId: expect.any(String) });
		expect(sandbox.requests().at(-1)).toMatchObject({ path: '/api/order', family: 'orderService', status: 201 });
	});

	it('no longer serves the old /orders/api prefix on the main port', async () => {
		expect((await siteFlow(base, 'POST', '/orders/api/order', { body: validOrder() })).status).toBe(404);
		expect(sandbox.orders()).toEqual([]);
	});

	it('serves only the order service on its port', async () => {
		expect((await siteFlow(orderServiceRoot(sandbox), 'GET', '/api/sku')).status).toBe(404);
	});

	it('is announced by the admin API and the root document', async () => {
		expect((await admin(base, 'GET', '/urls')).body.siteFlow).toEqual({ api: `${base}/api`, orderService: sandbox.orderServiceUrl });
		const root = (await (await fetch(`${base}/`)).json()) as { siteFlow: { orderService: string } };
		expect(root.siteFlow.orderService).toBe(sandbox.orderServiceUrl);
	});

	it('takes a chosen port (--order-service-port)', async () => {
		const chosen = await startSandbox({ port: 0, orderServicePort: 0 });
		try {
			expect(chosen.orderServiceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
		} finally {
			await chosen.close();
		}
		const { options } = parseArgs(['--port', '4020', '--order-service-port', '4030']);
		expect(options).toMatchObject({ port: 4020, orderServicePort: 4030 });
	});
});

describe('3. x-oneflow-account: a service user acts in the accounts it may act for', () => {
	const service = SANDBOX_CREDENTIALS.serviceUser;
	const asService = { id: service.token, secret: service.secret };
	let accountIds: Record<string, string>;

	beforeAll(async () => {
		const ids: Record<string, string> = {};
		for (const [token, name] of [[SANDBOX_CREDENTIALS.siteFlow.token, SANDBOX_CREDENTIALS.sourceAccount], [service.token, service.account]]) {
			ids[name] = (await siteFlow(base, 'GET', '/api/account', { id: token })).body._id;
		}
		const second = await siteFlow(base, 'GET', '/api/account', { ...asService, headers: { 'x-oneflow-account': ids[SANDBOX_CREDENTIALS.sourceAccount] } });
		expect(second.status).toBe(200);
		accountIds = ids;
	});

	it('without the header the service user is its own account', async () => {
		expect((await siteFlow(base, 'GET', '/api/account', asService)).body.name).toBe(service.account);
	});

	it('with the header it acts in that account: orders are submitted and read there', async () => {
		const brand = accountIds[SANDBOX_CREDENTIALS.sourceAccount];
		const headers = { 'x-oneflow-account': brand };
		expect((await siteFlow(base, 'GET', '/api/account', { ...asService, headers })).body.name).toBe(SANDBOX_CREDENTIALS.sourceAccount);
		const reply = await siteFlow(base, 'POST', '/api/order', { ...asService, headers, body: validOrder({ sourceOrderId: 'SU-1' }) });
		expect(reply.status).toBe(201);
		expect(reply.body.order.source.name).toBe(SANDBOX_CREDENTIALS.sourceAccount);
		// the brand's own token sees it; the service user in its own account does not
		expect((await siteFlow(base, 'GET', `/api/order/${reply.body.order._id}`)).status).toBe(200);
		expect((await siteFlow(base, 'GET', `/api/order/${reply.body.order._id}`, asService)).status).toBe(404);
	});

	it('refuses a service user naming an account it may not act for: 403 in the error envelope', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account', { ...asService, headers: { 'x-oneflow-account': '0123456789abcdef01234567' } });
		expect(reply.status).toBe(403);
		expect(reply.body).toEqual({ success: false, error: { code: 403, name: 'Forbidden', message: expect.stringContaining('0123456789abcdef01234567') } });
	});

	it('refuses a token that is not a service user acting for another account, and lets it name its own', async () => {
		const other = accountIds[service.account];
		const refused = await siteFlow(base, 'POST', '/api/order', { headers: { 'x-oneflow-account': other }, body: validOrder({ sourceOrderId: 'SU-2' }) });
		expect(refused.status).toBe(403);
		expect(refused.body.error.message).toMatch(/not a service user/);
		expect(sandbox.orders()).toEqual([]);
		const own = await siteFlow(base, 'GET', '/api/account', { headers: { 'x-oneflow-account': accountIds[SANDBOX_CREDENTIALS.sourceAccount] } });
		expect(own.status).toBe(200);
	});

	it('applies to the order service too', async () => {
		const headers = { 'x-oneflow-account': accountIds[SANDBOX_CREDENTIALS.sourceAccount] };
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { ...asService, headers, body: validOrder({ sourceOrderId: 'SU-3' }) });
		expect(reply.status).toBe(201);
		expect(sandbox.orders({ sourceOrderId: 'SU-3' })[0].source.name).toBe(SANDBOX_CREDENTIALS.sourceAccount);
	});
});

describe('4. a gateway request without x-hp-hmac-algorithm is legacy SHA1', () => {
	it('is refused with 400 "Not Authorized", whichever digest it carries (spec §1.1)', async () => {
		const sha256 = await gateway(base, 'GET', '/box/api/partner/substrate', { algorithm: null });
		expect(sha256.status).toBe(400);
		expect(sha256.body.error.message).toBe('Not Authorized');
		const date = new Date().toISOString();
		const sha1Signature = hmacHex('sha1', SECRET, `GET /api/partner/substrate${date}`);
		const sha1 = await fetch(`${base}/box/api/partner/substrate`, { headers: { 'x-hp-hmac-authentication': `${KEY}:${sha1Signature}`, 'x-hp-hmac-date': date } });
		expect(sha1.status).toBe(400);
	});

	it('is verified as SHA1 where SHA1 is allowed (--allow-gateway-sha1)', async () => {
		const legacy = await startSandbox({ port: 0, allowGatewaySha1: true });
		try {
			const date = new Date().toISOString();
			const sha1Signature = hmacHex('sha1', SECRET, `GET /api/partner/substrate${date}`);
			const sha1 = await fetch(`${legacy.url}/box/api/partner/substrate`, { headers: { 'x-hp-hmac-authentication': `${KEY}:${sha1Signature}`, 'x-hp-hmac-date': date } });
			expect(sha1.status).toBe(200);
			expect((await gateway(legacy.url, 'GET', '/box/api/partner/substrate', { algorithm: null })).status).toBe(401);
		} finally {
			await legacy.close();
		}
	});

	it('with the header, SHA256 is accepted', async () => {
		expect((await gateway(base, 'GET', '/box/api/partner/substrate')).status).toBe(200);
	});
});

describe('5. an unreadable x-oneflow-date is refused', () => {
	it.each(['abc', 'whenever', '2024-13-45T99:00:00Z'])('refuses %p with 401 naming the date', async (date) => {
		const reply = await siteFlow(base, 'GET', '/api/account', { date });
		expect(reply.status).toBe(401);
		expect(reply.body.error.message).toContain(`"${date}"`);
		expect(reply.body.error.message).toMatch(/x-oneflow-date/);
	});

	it.each([
		['ISO with milliseconds (JS SDK)', () => new Date().toISOString()],
		['ISO without milliseconds (docs)', () => `${new Date().toISOString().slice(0, 19)}Z`],
		['Unix seconds (PHP SDK)', () => String(Math.floor(Date.now() / 1000))],
		['"YYYY-MM-DD HH:mm:ss UTC" (Ruby SDK)', () => `${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`],
	])('still accepts %s', async (_name, date) => {
		expect((await siteFlow(base, 'GET', '/api/account', { date: date() })).status).toBe(200);
	});

	it('accepts local time without a zone (Python SDK) from any zone, UTC-12 to UTC+14', async () => {
		for (const hours of [-12, -5, 5.5, 14]) {
			const local = new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
			expect((await siteFlow(base, 'GET', '/api/account', { date: local })).status).toBe(200);
		}
		const stale = new Date(Date.now() - 20 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
		expect((await siteFlow(base, 'GET', '/api/account', { date: stale })).status).toBe(401);
	});
});

describe('6. npm run sandbox runs the real-time clock unless a frozen one is asked for', () => {
	it('parses real time as the default, --frozen-clock to stop it', () => {
		expect(parseArgs([]).options.realtime).toBe(true);
		expect(parseArgs(['--realtime']).options.realtime).toBe(true);
		expect(parseArgs(['--frozen-clock']).options.realtime).toBe(false);
	});

	it('the CLI started without flags reports a running clock', async () => {
		const child = spawn(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../sandbox/cli.ts'), '--port', '0', '--order-service-port', '0', '--quiet'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let output = '';
				const timer = setTimeout(() => reject(new Error(`no start-up line: ${output}`)), 20_000);
				child.stdout.on('data', (chunk: Buffer) => {
					output += chunk.toString();
					const match = /listening on (http:\/\/\S+) \(order service on (http:\/\/\S+)\)/.exec(output);
					if (match) {
						clearTimeout(timer);
						resolve(match[1]);
					}
				});
			});
			const clock = (await admin(url, 'GET', '/clock')).body;
			expect(clock).toMatchObject({ realtime: true, speed: 1 });
		} finally {
			child.kill('SIGINT');
			await new Promise((resolve) => child.on('exit', resolve));
		}
	}, 30_000);
});

describe("7. shapes as HP's sample outputs show them", () => {
	it('order files carry fileSize, pageCount, currentRevision and versions[] (submit_order_output.txt)', async () => {
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'SHAPE-1' }) })).body.order;
		const file = order.files[0];
		expect(file).toMatchObject({ fileSize: 0, pageCount: 0, currentRevision: 1, status: 'notreceived' });
		expect(file.versions).toEqual([
			{
				_id: file.currentVersionId,
				error: { code: 0, message: '' },
				fileSize: 0,
				pageConfigs: [],
				pageCount: 0,
				pages: [],
				paths: { fetchUrl: 'https://artwork.example.com/cards.pdf', localFilename: 'cards.pdf', pageThumbnailPath: '', thumbnailPath: '' },
				preflightReport: [],
				revision: 1,
				status: 'notreceived',
				syncComplete: false,
			},
		]);
	});

	it('shipments carry items, itemIds and the other lists of the sample output', async () => {
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'SHAPE-2' }) })).body.order;
		expect(order.orderData.shipments[0]).toMatchObject({ items: [], itemIds: [], componentIds: [], jobIds: [], stockItems: [], expectedQuantity: 0 });
	});

	it('a Box file has the original and its "standard" preflight version, the latter current (upload_file_output.txt)', async () => {
		const folder = (await gateway(base, 'POST', '/box/api/partner/folder', { body: { name: 'Shapes' } })).body;
		const file = (await gateway(base, 'POST', '/box/api/partner/file', { body: { folderId: folder._id, url: 'https://www.example.com/a.pdf', name: 'a.pdf' } })).body;
		expect(file.currentRevision).toBe(2);
		expect(file.versions.map((version: { revision: number; profile?: string }) => [version.revision, version.profile])).toEqual([
			[1, undefined],
			[2, 'standard'],
		]);
		expect(file.currentVersion).toMatchObject({ _id: file.versions[1]._id, revision: 2, pageCount: 0, status: 'pending' });
		expect(file.__v).toBe(1);
	});
});
