/**
 * Order File: Download (n8n's default, in-memory binary mode): one item per file of the order, with
 * its bytes, name, MIME type and component, fetched from the presigned URL without signing headers;
 * a download cut off midway fails the item and yields no binary.
 */
import { createHash } from 'crypto';

import type { IBinaryData } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { generatedSha256, generatedUrl } from '../../../sandbox/downloads';
import { runNode } from '../../harness/n8nRun';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../../helpers/scriptedServer';
import { validOrder } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** An order of two items, artwork Site Flow fetches from (generated) URLs, once it has received them. */
async function orderWithTwoFiles(sourceOrderId: string): Promise<string> {
	const url = harness.sandbox().url;
	const order = validOrder(sourceOrderId, generatedUrl(url, 150_000, `${sourceOrderId}-cover`, 'cover.pdf'));
	order.orderData.items.push({
		sourceItemId: `${sourceOrderId}-2`,
		sku: order.orderData.items[0].sku,
		quantity: 1,
		shipmentIndex: 0,
		components: [{ code: 'Content', path: generatedUrl(url, 90_000, `${sourceOrderId}-inner`, 'inner.pdf'), fetch: true }],
	});
	const result = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order });
	expect(result.error).toBeUndefined();
	await harness.sandbox().advance(31);
	harness.sandbox().clearRequests();
	return String(result.items[0].json._id);
}

function hashOf(binary: IBinaryData): string {
	return createHash('sha256').update(Buffer.from(binary.data, 'base64').toString('latin1'), 'latin1').digest('hex');
}

describe.each(BOTH_AUTHS)('Order File: Download with %s', (auth) => {
	it('returns one item per file with its bytes, name, MIME type and component', async () => {
		const orderId = await orderWithTwoFiles(`DL-${auth}`);
		const order = harness.sandbox().order(orderId);
		const result = await run({ resource: 'orderFile', operation: 'download', orderId: byId(orderId), binaryPropertyName: 'artwork' }, { auth });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.fileName, item.json.mimeType, (item.json.component as { code: string; sourceItemId: string }).sourceItemId])).toEqual([
			['cover.pdf', 'application/pdf', `DL-${auth}-1`],
			['inner.pdf', 'application/pdf', `DL-${auth}-2`],
		]);
		const [cover, inner] = result.items.map((item) => item.binary?.artwork as IBinaryData);
		expect(hashOf(cover)).toBe(generatedSha256(150_000, `DL-${auth}-cover`));
		expect(hashOf(inner)).toBe(generatedSha256(90_000, `DL-${auth}-inner`));
		expect(result.items[0].json.component).toMatchObject({ _id: order?.orderData.items[0].components[0]._id, code: 'Content' });
		expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);

		const downloads = harness.sandbox().requests(100).filter((entry) => entry.download);
		expect(downloads.map((entry) => entry.download)).toEqual([
			{ hmacHeaders: false, bytesSent: 150_000, broken: false },
			{ hmacHeaders: false, bytesSent: 90_000, broken: false },
		]);
	});
});

it('names a file whose storage URL ends in an id after its component, with the extension of its type', async () => {
	const target = await run({ resource: 'file', operation: 'getUploadUrl', mimeType: 'application/pdf' });
	const { url, path } = target.items[0].json as { url: string; path: string };
	const bytes = Buffer.from('%PDF-1.4 uploaded artwork');
	expect((await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/pdf' } })).status).toBeLessThan(300);
	expect(path.split('/').pop()).not.toMatch(/\./);
	const order = validOrder('DL-UPLOADED', path);
	const submitted = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order });
	expect(submitted.error).toBeUndefined();
	await harness.sandbox().advance(31);
	const result = await run({ resource: 'orderFile', operation: 'download', orderId: byId(String(submitted.items[0].json._id)), binaryPropertyName: 'data' });
	expect(result.error).toBeUndefined();
	const component = order.orderData.items[0].components[0] as { code: string };
	expect(result.items[0].json).toMatchObject({ fileName: `${component.code}.pdf`, mimeType: 'application/pdf' });
	expect(Buffer.from((result.items[0].binary?.data as IBinaryData).data, 'base64')).toEqual(bytes);
});

it('fails the item when a file download breaks off midway, with no binary in the output', async () => {
	const orderId = await orderWithTwoFiles('DL-BROKEN');
	harness.sandbox().setFaults({ breakDownload: { count: 1, afterBytes: 50_000 } });
	const result = await run({ resource: 'orderFile', operation: 'download', orderId: byId(orderId), binaryPropertyName: 'data' }, { continueOnFail: true });
	expect(result.items).toHaveLength(1);
	expect(result.items[0].binary).toBeUndefined();
	expect((result.items[0].json.error as { message?: string }).message).toMatch(/^The download broke off during Order File: Download \(file cover\.pdf\)/);
});

it('returns each file itself when storage answers gzip-encoded', async () => {
	const orderId = await orderWithTwoFiles('DL-GZIP');
	harness.sandbox().setFaults({ gzipDownload: { count: 2 } });
	const result = await run({ resource: 'orderFile', operation: 'download', orderId: byId(orderId), binaryPropertyName: 'data' });
	expect(result.error).toBeUndefined();
	const served = harness.sandbox().requests(100).filter((entry) => entry.download);
	expect(served.map((entry) => entry.download?.encoding)).toEqual(['gzip', 'gzip']);
	expect(served.map((entry) => entry.download?.bytesSent)).not.toEqual([150_000, 90_000]);
	const [cover, inner] = result.items.map((item) => item.binary?.data as IBinaryData);
	expect(hashOf(cover)).toBe(generatedSha256(150_000, 'DL-GZIP-cover'));
	expect(hashOf(inner)).toBe(generatedSha256(90_000, 'DL-GZIP-inner'));
	expect([cover.fileSize, inner.fileSize]).toEqual(['150 kB', '90 kB']);
});

it('names a file Site Flow has not received yet', async () => {
	const order = validOrder('DL-WAIT', 'https://artwork.invalid/never.pdf');
	const submitted = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order });
	const result = await run({ resource: 'orderFile', operation: 'download', orderId: byId(String(submitted.items[0].json._id)) });
	expect(result.error?.message).toContain('never.pdf has not been received yet');
	expect(result.error?.httpCode).toBe('404');
});

describe('an order without a file to download', () => {
	// Site Flow orders can list files that are not artwork, or none; the sandbox makes neither, so a
	// scripted server stands in for PrintOS (the node, its transport and the credential are real)
	const NO_FILES = 'a00000000000000000000001';
	const LABELS_ONLY = 'a00000000000000000000002';
	const WITH_ARTWORK = 'a00000000000000000000003';
	let server: ScriptedServer;

	beforeEach(async () => {
		server = await startScriptedServer();
		resetPacers();
		const orders: Record<string, unknown[]> = {
			[NO_FILES]: [],
			[LABELS_ONLY]: [{ _id: 'f00000000000000000000002', type: 'label', path: 'https://labels.example/label.pdf' }],
			[WITH_ARTWORK]: [{ _id: 'f00000000000000000000003', type: 'artwork', path: 'https://artwork.example/cover.pdf' }],
		};
		server.fallback = (request): ScriptedReply => {
			const path = request.url.split('?')[0];
			const orderId = /^\/api\/order\/(\w+)$/.exec(path)?.[1];
			if (orderId && orders[orderId]) return { body: { _id: orderId, orderData: { sourceOrderId: `S-${orderId.slice(-1)}`, items: [] }, files: orders[orderId] } };
			if (path === '/api/file/download/f00000000000000000000003') return { status: 302, headers: { location: `${server.url}/storage/cover` } };
			if (path === '/storage/cover') return { body: '%PDF-1.4 cover', headers: { 'content-type': 'application/pdf' } };
			return { status: 404, body: { message: 'not found' } };
		};
	});
	afterEach(async () => server.close());

	async function download(orderIds: string[], fileTypes: string, onError?: 'continueErrorOutput' | 'continueRegularOutput') {
		return await runNode({
			nodeType: new PrintOsSiteFlow(),
			parameters: {
				authentication: 'siteFlowApi',
				resource: 'orderFile',
				operation: 'download',
				orderId: byId('={{ $json.orderId }}'),
				fileTypes,
				binaryPropertyName: 'data',
				requestOptions: { retryBaseMs: 5 },
			},
			credentials: { siteFlowApi: { token: 't', secret: 's', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api` } },
			items: orderIds.map((orderId) => ({ json: { orderId } })),
			onError,
		});
	}

	it('fails the item, naming the order and the Files choice, on the error output with its pairedItem', async () => {
		const result = await download([LABELS_ONLY, WITH_ARTWORK, NO_FILES], 'artwork', 'continueErrorOutput');
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((item) => [item.json.orderId, item.json.fileName, item.pairedItem])).toEqual([[WITH_ARTWORK, 'cover.pdf', { item: 1 }]]);
		expect(Buffer.from((success[0].binary?.data as IBinaryData).data, 'base64').toString()).toBe('%PDF-1.4 cover');
		expect(failed.map((item) => [(item.json.error as { message?: string }).message, item.pairedItem])).toEqual([
			[`Order ${LABELS_ONLY} has no file to download with Files "Artwork Only" [item 0]`, { item: 0 }],
			[`Order ${NO_FILES} has no file to download with Files "Artwork Only" [item 2]`, { item: 2 }],
		]);
		expect(failed.map((item) => (item.json.error as { description?: string }).description)).toEqual([
			'Site Flow lists 1 file(s) for this order, none of them artwork. Choose "All Files of the Order" to download them.',
			'Site Flow lists no files for this order.',
		]);
		// no download was tried for an order without a matching file
		expect(server.requests.filter((request) => request.url.startsWith('/api/file/download/'))).toHaveLength(1);
	});

	it('stops the workflow with that message under Stop Workflow', async () => {
		const result = await download([NO_FILES], 'all');
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(`Order ${NO_FILES} has no file to download with Files "All Files of the Order" [item 0]`);
		expect(result.error?.description).toContain('Site Flow lists no files for this order.');
	});
});
