/**
 * Upload Binary end to end: upload URLs from the sandbox, the unsigned PUT (through a pass-through
 * proxy that lets the test see and spoil it), then the file added by its fetch URL. The sandbox
 * records size and SHA-256 of what arrived.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { binaryItem, boxCalls, callLines, freshSandbox, locator, makeFolder, pdfBytes, runBox, sha256 } from './boxKit';
import { startGatewayProxy, type GatewayProxy } from './gatewayProxy';

let sandbox: Sandbox;
let proxy: GatewayProxy;
let folderId: string;

beforeAll(async () => {
	sandbox = await freshSandbox();
	proxy = await startGatewayProxy(sandbox.url);
	folderId = await makeFolder(sandbox, 'Uploads');
});
afterAll(async () => {
	await proxy.close();
	await sandbox.close();
});
beforeEach(() => {
	sandbox.clearRequests();
	proxy.puts.length = 0;
	proxy.corruptUploadSignature = false;
	proxy.failUploadPuts = 0;
	proxy.redirectUploadPuts = false;
});

function uploadParameters(extra: IDataObject = {}): IDataObject {
	return { resource: 'file', operation: 'uploadBinary', folderId: locator(folderId), binaryPropertyName: 'data', copies: 1, ...extra };
}

function uploadOf(file: IDataObject) {
	return sandbox.upload(String(file.uploadId));
}

describe('File: Upload Binary', () => {
	it('uploads a PDF whose stored bytes match the input, and adds it to the folder', async () => {
		const bytes = pdfBytes(50_000);
		const result = await runBox(
			sandbox,
			uploadParameters({ copies: 2, additionalFields: { notes: 'proof first', substrate: 'Gloss Text', flow: 'impose_only' } }),
			{ items: [binaryItem(bytes, 'application/pdf', 'brochure.pdf')], baseUrl: proxy.url },
		);
		expect(result.error).toBeUndefined();
		const file = result.items[0].json;
		expect(file).toMatchObject({
			folderId,
			name: 'brochure.pdf',
			size: bytes.length,
			printInstructions: { copies: 2, notes: 'proof first' },
			substrate: 'Gloss Text',
			flow: 'impose_only',
		});
		expect(uploadOf(file)).toMatchObject({ complete: true, size: bytes.length, sha256: sha256(bytes), mimeType: 'application/pdf' });
		expect(callLines(sandbox)).toEqual([
			'GET /box/api/partner/file/uploadurls 200',
			'POST /box/api/partner/file 200',
		]);
		expect(boxCalls(sandbox)[0].query).toEqual({ mimeType: 'application/pdf' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the PUT unsigned, with the MIME type and an exact Content-Length', async () => {
		const bytes = pdfBytes(12_345);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'image/png', 'label.png')],
			baseUrl: proxy.url,
		});
		expect(result.error).toBeUndefined();
		expect(proxy.puts).toHaveLength(1);
		const { headers, bytes: received } = proxy.puts[0];
		expect(received).toBe(bytes.length);
		expect(headers['content-length']).toBe(String(bytes.length));
		expect(headers['content-type']).toBe('image/png');
		expect(headers['transfer-encoding']).toBeUndefined();
		expect(Object.keys(headers).filter((name) => name.startsWith('x-hp-hmac') || name.startsWith('x-oneflow'))).toEqual([]);
	});

	it('uploads a multi-MiB image intact', async () => {
		const bytes = pdfBytes(9 * 1024 * 1024 + 7);
		const result = await runBox(sandbox, uploadParameters({ name: 'large-scan.tif' }), {
			items: [binaryItem(bytes, 'image/tiff', 'scan.tif')],
			baseUrl: proxy.url,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.name).toBe('large-scan.tif');
		expect(uploadOf(result.items[0].json)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
	});

	it('takes the type from the file name when the binary says only octet-stream', async () => {
		const bytes = pdfBytes(2_000);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'application/octet-stream', 'order-123.PDF')],
			baseUrl: proxy.url,
		});
		expect(result.error).toBeUndefined();
		expect(boxCalls(sandbox)[0].query).toEqual({ mimeType: 'application/pdf' });
		expect(proxy.puts[0].headers['content-type']).toBe('application/pdf');
	});

	it('uploads each item of a batch to its own URL, in input order', async () => {
		const inputs = [pdfBytes(3_000), pdfBytes(4_000), pdfBytes(5_000)];
		const result = await runBox(sandbox, uploadParameters({ name: '={{ $json.name }}' }), {
			items: inputs.map((bytes, index) => binaryItem(bytes, 'application/pdf', 'x.pdf', 'data', { name: `part-${index}.pdf` })),
			baseUrl: proxy.url,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(['part-0.pdf', 'part-1.pdf', 'part-2.pdf']);
		result.items.forEach((item, index) => expect(uploadOf(item.json).sha256).toBe(sha256(inputs[index])));
	});

	it('retries an upload PUT the storage answered with 503, sending the whole file again', async () => {
		proxy.failUploadPuts = 1;
		const bytes = pdfBytes(100_000);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'application/pdf', 'retry.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error).toBeUndefined();
		expect(proxy.puts.map((put) => put.bytes)).toEqual([bytes.length, bytes.length]);
		expect(uploadOf(result.items[0].json).sha256).toBe(sha256(bytes));
	});

	it('fails with the storage’s reason when the sandbox refuses the PUT, and adds no file', async () => {
		proxy.corruptUploadSignature = true;
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(pdfBytes(1_000), 'application/pdf', 'refused.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe(
			'The upload URL refused the file (HTTP 403): Signature does not match: use the upload URL exactly as it was returned',
		);
		// the presigned URL's signature never reaches the error
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain('signature=');
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/file/uploadurls 200']);
		expect(proxy.puts).toHaveLength(1);
	});

	it('does not follow a redirect of the upload URL (following would keep a copy of the whole file)', async () => {
		proxy.redirectUploadPuts = true;
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(pdfBytes(1_000), 'application/pdf', 'moved.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.httpCode).toBe('307');
		expect(result.error?.message).toMatch(/^The upload URL refused the file \(HTTP 307\): it redirects to http:\/\/127\.0\.0\.1:\d+\/_uploads\/[0-9a-f]{24}, which/);
		expect(result.error?.message).not.toContain('signature=');
		expect(sandbox.uploads().at(-1)?.complete).toBe(false);
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/file/uploadurls 200']);
	});

	it('gives up after the configured retries when the storage keeps failing', async () => {
		proxy.failUploadPuts = 10;
		const result = await runBox(sandbox, uploadParameters({ requestOptions: { maxRetries: 2 } }), {
			items: [binaryItem(pdfBytes(1_000), 'application/pdf', 'down.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 503): SlowDown: Please reduce your request rate.');
		expect(proxy.puts).toHaveLength(3);
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/file/uploadurls 200']);
	});
});

describe('File: Upload Binary input checks (nothing is sent)', () => {
	afterEach(() => {
		expect(boxCalls(sandbox)).toHaveLength(0);
		expect(proxy.puts).toHaveLength(0);
	});

	it('refuses a MIME type Box does not take', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.from('hello'), 'text/plain', 'notes.txt')],
			baseUrl: proxy.url,
		});
		expect(result.error?.message).toBe("The binary field 'data' holds text/plain, which PrintOS Box does not take [item 0]");
		expect(result.error?.description).toContain('application/pdf, image/jpeg');
	});

	it('refuses WebP', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.from('RIFF....WEBP'), 'image/webp', 'photo.webp')],
			baseUrl: proxy.url,
		});
		expect(result.error?.message).toContain('holds image/webp, which PrintOS Box does not take [item 0]');
	});

	it('refuses a binary property the item does not have, naming it and the item', async () => {
		const result = await runBox(sandbox, uploadParameters({ binaryPropertyName: 'artwork' }), {
			items: [binaryItem(pdfBytes(100), 'application/pdf', 'a.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.message).toBe("The item has no binary field 'artwork' [item 0]");
	});

	it('refuses an item without any binary', async () => {
		const result = await runBox(sandbox, uploadParameters(), { items: [{ json: {} }], baseUrl: proxy.url });
		expect(result.error?.message).toContain("binary file 'data', but none was found [item 0]");
	});

	it('refuses an empty file', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.alloc(0), 'application/pdf', 'empty.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.message).toBe("The binary field 'data' is empty [item 0]");
	});

	it('refuses a binary without a name when no File Name is given', async () => {
		const item = binaryItem(pdfBytes(100), 'application/pdf', '');
		delete item.binary!.data.fileName;
		const result = await runBox(sandbox, uploadParameters(), { items: [item], baseUrl: proxy.url });
		expect(result.error?.message).toBe('The "File Name" parameter is empty [item 0]');
	});

	it('refuses a missing folder ID', async () => {
		const result = await runBox(sandbox, uploadParameters({ folderId: locator('={{ $json.folder }}') }), {
			items: [binaryItem(pdfBytes(100), 'application/pdf', 'a.pdf')],
			baseUrl: proxy.url,
		});
		expect(result.error?.message).toBe('The "Folder" parameter is empty [item 0]');
	});
});

describe('File: Upload Binary with Continue On Fail', () => {
	it('uploads the good items and reports each bad one in its place', async () => {
		const good = pdfBytes(2_048);
		const result = await runBox(sandbox, uploadParameters({ folderId: locator('={{ $json.folder }}') }), {
			continueOnFail: true,
			baseUrl: proxy.url,
			items: [
				binaryItem(good, 'application/pdf', 'good.pdf', 'data', { folder: folderId }),
				binaryItem(Buffer.from('x'), 'text/csv', 'bad.csv', 'data', { folder: folderId }),
				binaryItem(pdfBytes(10), 'application/pdf', 'lost.pdf', 'data', { folder: '0123456789abcdef01234567' }),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(uploadOf(result.items[0].json).sha256).toBe(sha256(good));
		expect(result.items[1].json.error).toBe("The binary field 'data' holds text/csv, which PrintOS Box does not take [item 1]");
		expect(result.items[2].json).toMatchObject({ error: 'Folder not found', httpCode: '404' });
	});
});
