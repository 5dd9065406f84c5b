/**
 * Upload Binary with n8n's filesystem binary mode: the binary has an `id`, its bytes live on disk,
 * and the node streams them to the upload URL with the size from n8n's metadata.
 */
import { restoreBinaryMode } from './filesystemBinaryMode';

import { randomBytes } from 'crypto';
import { Readable } from 'stream';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { callLines, freshSandbox, locator, makeFolder, runBox, sha256, UPLOAD_PUTS, uploadPuts } from './boxKit';

let sandbox: Sandbox;
let folderId: string;
let binaryData: BinaryDataService;

beforeAll(async () => {
	binaryData = Container.get(BinaryDataService);
	await binaryData.init();
	sandbox = await freshSandbox();
	folderId = await makeFolder(sandbox, 'Streamed');
});
afterAll(async () => {
	await sandbox.close();
	restoreBinaryMode();
});

/** Stores chunks in n8n's binary store as a stream, as a previous node in filesystem mode would. */
async function storedItem(chunks: Buffer[], mimeType: string, fileName: string): Promise<INodeExecutionData> {
	const binary = await binaryData.store(
		{ type: 'execution', workflowId: 'box-tests', executionId: 'streaming' },
		Readable.from(chunks),
		{ data: '', mimeType, fileName } as IBinaryData,
	);
	return { json: {}, binary: { data: binary } };
}

it('streams a multi-MiB file from n8n’s binary store, byte for byte', async () => {
	const chunks = Array.from({ length: 24 }, () => randomBytes(256 * 1024));
	const item = await storedItem(chunks, 'application/pdf', 'book-block.pdf');
	expect(item.binary?.data.id).toMatch(/^filesystem(-v2)?:/);
	// n8n keeps a pretty size ("6.29 MB") in the item; the exact one must come from its metadata
	expect(item.binary?.data.fileSize).not.toBe(String(6 * 1024 * 1024));

	const result = await runBox(
		sandbox,
		{ resource: 'file', operation: 'uploadBinary', folderId: locator(folderId), binaryPropertyName: 'data', copies: 1 },
		{ items: [item] },
	);
	expect(result.error).toBeUndefined();
	const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	expect(uploadPuts(sandbox).at(-1)?.upload).toMatchObject({ contentLength: size, bytesReceived: size });
	expect(sandbox.upload(String(result.items[0].json.uploadId))).toMatchObject({ size, sha256: sha256(...chunks) });
	expect(result.items[0].json).toMatchObject({ name: 'book-block.pdf', size });
	expect(callLines(sandbox).slice(-2)).toEqual(['GET /box/api/partner/file/uploadurls 200', 'POST /box/api/partner/file 200']);
});

it('re-opens the stream when the upload PUT is retried', async () => {
	sandbox.clearRequests();
	sandbox.setFaults({ failNext: { count: 1, status: 503, match: UPLOAD_PUTS } });
	const chunks = [randomBytes(300_000)];
	const result = await runBox(
		sandbox,
		{ resource: 'file', operation: 'uploadBinary', folderId: locator(folderId), binaryPropertyName: 'data', copies: 1 },
		{ items: [await storedItem(chunks, 'image/jpeg', 'photo.jpg')] },
	);
	expect(result.error).toBeUndefined();
	expect(uploadPuts(sandbox).map((put) => [put.status, put.upload?.bytesReceived])).toEqual([
		[503, 300_000],
		[200, 300_000],
	]);
	expect(sandbox.upload(String(result.items[0].json.uploadId)).sha256).toBe(sha256(chunks[0]));
});
