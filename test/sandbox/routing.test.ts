import { BOX_ENDPOINTS } from '../../nodes/PrintOs/Box/endpoints';
import { ORDER_SERVICE_ENDPOINTS, SITE_FLOW_ENDPOINTS } from '../../nodes/PrintOs/SiteFlow/endpoints';
import type { Endpoint } from '../../nodes/PrintOs/transport/endpoint';
import { startSandbox, type Sandbox } from '../../sandbox';
import { Router, FAMILIES } from '../../sandbox/router';
import { gateway, orderServiceRoot, siteFlow } from './client';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
});
afterAll(() => sandbox.close());

const fill = (endpoint: Endpoint) => endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'sourceAccount' ? 'sandbox-brand' : `x-${name}`));

/** Whatever the answer, it must come from a handler, not from "no such route". */
function expectRouted(reply: { status: number; body: { error?: { message?: string } } }, label: string) {
	const message = reply.body?.error?.message ?? '';
	expect({ label, routed: reply.status !== 405 && !message.startsWith('Cannot ') }).toEqual({ label, routed: true });
}

describe('every table endpoint is served', () => {
	it.each(Object.entries(BOX_ENDPOINTS))('Box %s', async (name, endpoint) => {
		expectRouted(await gateway(sandbox.url, endpoint.method, `/box${fill(endpoint)}`, { body: endpoint.method === 'GET' ? undefined : {} }), name);
	});

	it.each(Object.entries(SITE_FLOW_ENDPOINTS))('Site Flow %s, native and through the gateway', async (name, endpoint) => {
		const body = endpoint.method === 'GET' ? undefined : {};
		expectRouted(await siteFlow(sandbox.url, endpoint.method, `/api${fill(endpoint)}`, { body }), `native ${name}`);
		expectRouted(await gateway(sandbox.url, endpoint.method, `/siteflow/api${fill(endpoint)}`, { body }), `gateway ${name}`);
	});

	it.each(Object.entries(ORDER_SERVICE_ENDPOINTS))('order service %s', async (name, endpoint) => {
		expectRouted(await siteFlow(orderServiceRoot(sandbox), endpoint.method, `/api${fill(endpoint)}`, { body: {} }), name);
	});
});

describe('router', () => {
	it('is built from the tables: a corrected path moves the route', () => {
		const handler = () => ({ status: 200 });
		const moved = { orderGet: { method: 'GET', path: '/orders-v2/{orderId}', confidence: 'DOC' } } as Record<string, Endpoint>;
		const router = new Router([{ ...FAMILIES.find((entry) => entry.family === 'siteFlow')!, table: moved, handlers: { orderGet: handler } }]);
		expect(router.match('siteFlow', 'GET', '/api/orders-v2/abc')).toMatchObject({ name: 'orderGet', params: { orderId: 'abc' } });
		expect(router.match('siteFlow', 'GET', '/api/order/abc')).toBeUndefined();
	});

	it('prefers literal segments over parameters and decodes parameters', () => {
		const router = new Router();
		expect(router.match('siteFlow', 'GET', '/api/file/getpreupload')).toMatchObject({ name: 'fileUploadUrl' });
		expect(router.match('siteFlow', 'GET', '/api/file/abc')).toMatchObject({ name: 'fileGet' });
		expect(router.match('box', 'GET', '/box/api/partner/file/uploadurls')).toMatchObject({ name: 'uploadUrls' });
		expect(router.match('siteFlow', 'GET', '/api/order/bysourceid/A%20B%2FC')).toMatchObject({ params: { sourceOrderId: 'A B/C' } });
		expect(router.match('siteFlow', 'PATCH', '/api/order/abc')).toEqual({ methodNotAllowed: ['GET', 'PUT'] });
	});

	it('refuses a table entry without a handler', () => {
		const table = { mystery: { method: 'GET', path: '/mystery', confidence: 'INFER' } } as Record<string, Endpoint>;
		expect(() => new Router([{ ...FAMILIES[0], table, handlers: {} }])).toThrow(/No sandbox handler/);
	});
});
