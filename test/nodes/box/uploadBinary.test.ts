/**
 * Upload Binary end to end: upload URLs from the sandbox, the unsigned PUT (which the sandbox's
 * request log records, and its fault knobs spoil when a test asks), then the file added by its fetch
 * URL. The sandbox records size and SHA-256 of what arrived.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { binaryItem, boxCalls, callLines, freshSandbox, locator, makeFolder, pdfBytes, runBox, sha256, UPLOAD_PUTS, uploadPuts } from './boxKit';

let sandbox: Sandbox;
let folderId: string;

beforeAll(async () => {
	sandbox = await freshSandbox();
	folderId = await makeFolder(sandbox, 'Uploads');
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => {
	sandbox.clearRequests();
	sandbox.clearFaults();
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
			{ items: [binaryItem(bytes, 'application/pdf', 'brochure.pdf')] },
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
		});
		expect(result.error).toBeUndefined();
		const puts = uploadPuts(sandbox);
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({
			status: 200,
			upload: { contentLength: bytes.length, contentType: 'image/png', hmacHeaders: false, bytesReceived: bytes.length },
		});
		expect(puts[0].headers['transfer-encoding']).toBeUndefined();
	});

	it('uploads a multi-MiB image intact', async () => {
		const bytes = pdfBytes(9 * 1024 * 1024 + 7);
		const result = await runBox(sandbox, uploadParameters({ name: 'large-scan.tif' }), {
			items: [binaryItem(bytes, 'image/tiff', 'scan.tif')],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.name).toBe('large-scan.tif');
		expect(uploadOf(result.items[0].json)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
	});

	it('takes the type from the file name when the binary says only octet-stream', async () => {
		const bytes = pdfBytes(2_000);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'application/octet-stream', 'order-123.PDF')],
		});
		expect(result.error).toBeUndefined();
		expect(boxCalls(sandbox)[0].query).toEqual({ mimeType: 'application/pdf' });
		expect(uploadPuts(sandbox)[0].upload?.contentType).toBe('application/pdf');
	});

	it('uploads each item of a batch to its own URL, in input order', async () => {
		const inputs = [pdfBytes(3_000), pdfBytes(4_000), pdfBytes(5_000)];
		const result = await runBox(sandbox, uploadParameters({ name: '={{ $json.name }}' }), {
			items: inputs.map((bytes, index) => binaryItem(bytes, 'application/pdf', 'x.pdf', 'data', { name: `part-${index}.pdf` })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(['part-0.pdf', 'part-1.pdf', 'part-2.pdf']);
		result.items.forEach((item, index) => expect(uploadOf(item.json).sha256).toBe(sha256(inputs[index])));
	});

	it('retries an upload PUT the storage answered with 503, sending the whole file again', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 503, match: UPLOAD_PUTS } });
		const bytes = pdfBytes(100_000);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'application/pdf', 'retry.pdf')],
		});
		expect(result.error).toBeUndefined();
		expect(uploadPuts(sandbox).map((put) => [put.status, put.upload?.bytesReceived])).toEqual([
			[503, bytes.length],
			[200, bytes.length],
		]);
		expect(uploadOf(result.items[0].json).sha256).toBe(sha256(bytes));
	});

	it('retries an upload PUT whose connection was lost after the bytes arrived', async () => {
		sandbox.setFaults({ dropAfterProcessing: { count: 1, match: UPLOAD_PUTS } });
		const bytes = pdfBytes(20_000);
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(bytes, 'application/pdf', 'lost.pdf')],
		});
		expect(result.error).toBeUndefined();
		expect(uploadPuts(sandbox).map((put) => `${put.status}${put.dropped ? ' dropped' : ''}`)).toEqual(['200 dropped', '200']);
		expect(uploadOf(result.items[0].json)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
	});

	it('fails with the storage’s reason when it refuses the PUT, and adds no file', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 403, match: UPLOAD_PUTS } });
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(pdfBytes(1_000), 'application/pdf', 'refused.pdf')],
		});
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 403): Error injected by the sandbox');
		expect(result.error?.description).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/_uploads\/[0-9a-f]{24} during File: Upload Binary\./);
		// the presigned URL's signature never reaches the error
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain('signature=');
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/file/uploadurls 200']);
		expect(uploadPuts(sandbox)).toHaveLength(1);
	});

	it('gives up after the configured retries when the storage keeps failing', async () => {
		sandbox.setFaults({ failNext: { count: 10, status: 503, match: UPLOAD_PUTS } });
		const result = await runBox(sandbox, uploadParameters({ requestOptions: { maxRetries: 2 } }), {
			items: [binaryItem(pdfBytes(1_000), 'application/pdf', 'down.pdf')],
		});
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 503): Service Unavailable (injected by the sandbox)');
		expect(uploadPuts(sandbox)).toHaveLength(3);
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/file/uploadurls 200']);
	});
});

describe('File: Upload Binary input checks (nothing is sent)', () => {
	afterEach(() => {
		expect(boxCalls(sandbox)).toHaveLength(0);
		expect(uploadPuts(sandbox)).toHaveLength(0);
	});

	it('refuses a MIME type Box does not take', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.from('hello'), 'text/plain', 'notes.txt')],
		});
		expect(result.error?.message).toBe("The binary field 'data' holds text/plain, which PrintOS Box does not take [item 0]");
		expect(result.error?.description).toContain('application/pdf, image/jpeg');
	});

	it('refuses WebP', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.from('RIFF....WEBP'), 'image/webp', 'photo.webp')],
		});
		expect(result.error?.message).toContain('holds image/webp, which PrintOS Box does not take [item 0]');
	});

	it('refuses a binary property the item does not have, naming it and the item', async () => {
		const result = await runBox(sandbox, uploadParameters({ binaryPropertyName: 'artwork' }), {
			items: [binaryItem(pdfBytes(100), 'application/pdf', 'a.pdf')],
		});
		expect(result.error?.message).toBe("The item has no binary field 'artwork' [item 0]");
	});

	it('refuses an item without any binary', async () => {
		const result = await runBox(sandbox, uploadParameters(), { items: [{ json: {} }] });
		expect(result.error?.message).toContain("binary file 'data', but none was found [item 0]");
	});

	it('refuses an empty file', async () => {
		const result = await runBox(sandbox, uploadParameters(), {
			items: [binaryItem(Buffer.alloc(0), 'application/pdf', 'empty.pdf')],
		});
		expect(result.error?.message).toBe("The binary field 'data' is empty [item 0]");
	});

	it('refuses a binary without a name when no File Name is given', async () => {
		const item = binaryItem(pdfBytes(100), 'application/pdf', '');
		delete item.binary!.data.fileName;
		const result = await runBox(sandbox, uploadParameters(), { items: [item] });
		expect(result.error?.message).toBe('The "File Name" parameter is empty [item 0]');
	});

	it('refuses a missing folder ID', async () => {
		const result = await runBox(sandbox, uploadParameters({ folderId: locator('={{ $json.folder }}') }), {
			items: [binaryItem(pdfBytes(100), 'application/pdf', 'a.pdf')],
		});
		expect(result.error?.message).toBe('The "Folder" parameter is empty [item 0]');
	});
});

describe('File: Upload Binary with Continue On Fail', () => {
	it('uploads the good items and reports each bad one in its place', async () => {
		const good = pdfBytes(2_048);
		const result = await runBox(sandbox, uploadParameters({ folderId: locator('={{ $json.folder }}') }), {
			continueOnFail: true,
			items: [
				binaryItem(good, 'application/pdf', 'good.pdf', 'data', { folder: folderId }),
				binaryItem(Buffer.from('x'), 'text/csv', 'bad.csv', 'data', { folder: folderId }),
				binaryItem(pdfBytes(10), 'application/pdf', 'lost.pdf', 'data', { folder: '0123456789abcdef01234567' }),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(uploadOf(result.items[0].json).sha256).toBe(sha256(good));
		expect(result.items[1].json.error).toMatchObject({ message: "The binary field 'data' holds text/csv, which PrintOS Box does not take [item 1]" });
		expect(result.items[2].json).toEqual({ error: { message: 'Folder not found', httpCode: 404 } });
	});
});
