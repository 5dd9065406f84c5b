/**
 * From "PDF in n8n" to "order in production" without hosting the file anywhere: Order Artwork
 * uploads against the sandbox, checked byte for byte through the sandbox's sha256 of each upload.
 */
import type { IDataObject } from 'n8n-workflow';

import { validOrder, validOrderFields } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, expectNoSecret, itemWithFile, pdfBytes, sha256, useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;

function completedUploads() {
	return harness.sandbox().uploads().filter((upload) => upload.complete);
}

/** The sandbox logs upload PUTs next to API requests; these are the API requests alone. */
function apiCalls() {
	return harness.apiRequests().filter((request) => !request.upload);
}

function uploadPuts() {
	return harness.apiRequests().filter((request) => request.upload);
}

describe.each(BOTH_AUTHS)('Order Artwork: Upload with %s', (auth) => {
	it('uploads the binary and returns the path a component takes', async () => {
		const bytes = pdfBytes(`upload-${auth}`, 50_000);
		const result = await run({ resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data' }, { auth, items: [itemWithFile(bytes, 'card.pdf')] });
		expect(result.error).toBeUndefined();
		const output = result.items[0].json;
		expect(output).toMatchObject({ fetch: true, fileName: 'card.pdf', mimeType: 'application/pdf', bytes: 50_000, uploadAttempts: 1 });
		expect(String(output.path)).not.toContain('signature');
		const [upload] = completedUploads();
		expect(upload).toMatchObject({ size: 50_000, sha256: sha256(bytes), mimeType: 'application/pdf' });
		expect(output.path).toBe(upload.fetchUrl);
		expect(apiCalls().map((request) => request.path.replace(/^\/siteflow/, ''))).toEqual(['/api/file/getpreupload']);
		expect(apiCalls()[0].query).toEqual({ mimeType: 'application/pdf' });
		// the PUT goes to the upload URL unsigned, with the type asked for and an exact length
		expect(uploadPuts()).toHaveLength(1);
		expect(uploadPuts()[0]).toMatchObject({
			path: `/_uploads/${upload.id}`,
			status: 200,
			upload: { contentLength: 50_000, contentType: 'application/pdf', hmacHeaders: false, bytesReceived: 50_000 },
		});
		expectNoSecret(result);
	});
});

describe('from a PDF in n8n to an order in production', () => {
	it('Upload, then Submit in Fields mode with the uploaded path: the order becomes print-ready', async () => {
		const bytes = pdfBytes('fields-flow');
		const uploaded = await run({ resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data' }, { items: [itemWithFile(bytes, 'card.pdf')] });
		const path = String(uploaded.items[0].json.path);
		const submitted = await run(
			{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'fields', ...validOrderFields('ART-1', path) },
			{ items: uploaded.items },
		);
		expect(submitted.error).toBeUndefined();
		const id = String(submitted.items[0].json._id);
		await harness.sandbox().advance(3600);
		expect(harness.sandbox().order(id)?.orderData.status).not.toBe('dataready');
		expect(harness.sandbox().order(id)?.files[0].versions[0].sha256).toBe(sha256(bytes));
	});

	it('Submit with a file name, then Upload Order Files from the Submit output', async () => {
		const bytes = pdfBytes('order-files', 20_000);
		const submitted = await run(
			{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'fields', ...validOrderFields('ART-2', 'card.pdf', false) },
			{ items: [itemWithFile(bytes, 'card.pdf')] },
		);
		expect(submitted.error).toBeUndefined();
		// the input binary passes through Submit
		expect(submitted.items[0].binary?.data.fileName).toBe('card.pdf');
		const uploaded = await run({ resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'inputItem' }, { items: submitted.items });
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.items[0].json).toMatchObject({
			orderId: submitted.items[0].json._id,
			sourceOrderId: 'ART-2',
			uploaded: [{ path: 'card.pdf', binaryProperty: 'data', bytes: 20_000, uploadAttempts: 1 }],
		});
		// sent once: not also while the batch was checked
		expect(completedUploads()).toHaveLength(1);
		const [upload] = completedUploads();
		expect(upload).toMatchObject({ purpose: 'orderFile', orderId: submitted.items[0].json._id, sha256: sha256(bytes) });
		await harness.sandbox().advance(3600);
		expect(harness.sandbox().order(String(submitted.items[0].json._id))?.orderData.status).not.toBe('dataready');
	});

	it('Upload Order Files reads the order by ID with the gateway credential', async () => {
		const bytes = pdfBytes('by-id');
		const order = validOrder('ART-3');
		order.orderData.items[0].components[0] = { code: 'Content', path: 'inside.pdf', fetch: false };
		const submitted = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order });
		const id = String(submitted.items[0].json._id);
		const uploaded = await run(
			{ resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'orderId', orderId: { __rl: true, mode: 'id', value: id }, binaryPropertyNames: 'pdf' },
			{ auth: 'printOsApi', items: [itemWithFile(bytes, 'whatever-name.pdf', {}, 'pdf')] },
		);
		expect(uploaded.error).toBeUndefined();
		expect(completedUploads()[0].sha256).toBe(sha256(bytes));
	});

	it('Upload with "Set in an Order (JSON)" gives an order ready for Submit in JSON mode', async () => {
		const bytes = pdfBytes('in-json');
		const uploaded = await run(
			{
				resource: 'orderArtwork',
				operation: 'upload',
				binaryPropertyName: 'data',
				useFor: 'orderJson',
				orderJson: '={{ $json.order }}',
				sourceItemId: 'ART-4-1',
				componentCode: 'Content',
			},
			{ items: [itemWithFile(bytes, 'card.pdf', { order: validOrder('ART-4', 'https://placeholder.invalid/x.pdf') })] },
		);
		expect(uploaded.error).toBeUndefined();
		const order = uploaded.items[0].json.order as IDataObject;
		const component = ((order.orderData as IDataObject).items as IDataObject[])[0].components as IDataObject[];
		expect(component[0]).toMatchObject({ code: 'Content', path: uploaded.items[0].json.path, fetch: true, localFile: false });
		const submitted = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' }, { items: uploaded.items });
		expect(submitted.error).toBeUndefined();
		expect(harness.sandbox().orders({ sourceOrderId: 'ART-4' })[0].files[0].fetchUrl).toBe(uploaded.items[0].json.path);
	});
});

describe('artwork input checks happen before any request or upload', () => {
	it('a missing binary field', async () => {
		const result = await run({ resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'file' }, { items: [itemWithFile(pdfBytes('x'), 'a.pdf')] });
		expect(result.error?.message).toMatch(/file/);
		expect(apiCalls()).toHaveLength(0);
	});

	it('a component the order does not have', async () => {
		const result = await run(
			{ resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data', useFor: 'orderJson', orderJson: validOrder('ART-5'), sourceItemId: 'ART-5-1', componentCode: 'Cover' },
			{ items: [itemWithFile(pdfBytes('x'), 'a.pdf')] },
		);
		expect(result.error?.message).toBe('Item 0: item "ART-5-1" has no component with code "Cover"');
		expect(result.error?.description).toBe('Its components: Content');
		expect(apiCalls()).toHaveLength(0);
	});

	it('Stop Workflow: a later item without its file uploads nothing for the earlier, valid item', async () => {
		const orders = [validOrder('ART-7'), validOrder('ART-8')];
		for (const order of orders) order.orderData.items[0].components = [{ code: 'Content', path: 'cover.pdf', fetch: false }];
		const submitted = await run(
			{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
			{ items: orders.map((order) => ({ json: { order } })) },
		);
		expect(submitted.error).toBeUndefined();
		const valid = { ...itemWithFile(pdfBytes('cover-7'), 'cover.pdf'), json: submitted.items[0].json };
		const withoutFile = { json: submitted.items[1].json };
		const result = await run({ resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'inputItem' }, { items: [valid, withoutFile] });
		expect(result.error?.message).toMatch(/items? .*invalid|no input binary/i);
		expect(completedUploads()).toHaveLength(0);
	});

	it('an order file without a matching binary', async () => {
		const order = validOrder('ART-6');
		order.orderData.items[0].components = [
			{ code: 'Content', path: 'front.pdf', fetch: false },
			{ code: 'Content', path: 'back.pdf', fetch: false },
		];
		const submitted = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order });
		expect(submitted.error).toBeUndefined();
		const input = { ...itemWithFile(pdfBytes('front'), 'front.pdf'), json: submitted.items[0].json };
		const result = await run({ resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'inputItem' }, { items: [input] });
		expect(result.error?.message).toMatch(/^Item 0: no input binary for the order's file "back.pdf"/);
		expect(result.error?.description).toMatch(/Nothing was uploaded/);
		expect(completedUploads()).toHaveLength(0);
	});
});
