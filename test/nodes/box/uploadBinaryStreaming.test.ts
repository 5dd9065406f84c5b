/**
 * Upload Binary with n8n's filesystem binary mode: the binary has an `id`, its bytes live on disk,
 * and the node streams them to the upload URL with the size from n8n's metadata.
 */
import { useFilesystemBox } from './filesystemBox';

import { randomBytes } from 'crypto';
import { Readable } from 'stream';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { callLines, locator, runBox, sha256, UPLOAD_PUTS, uploadPuts } from './boxKit';

const box = useFilesystemBox('Streamed');

/** Stores chunks in n8n's binary store as a stream, as a previous node in filesystem mode would. */
async function storedItem(chunks: Buffer[], mimeType: string, fileName: string): Promise<INodeExecutionData> {
	const binary = await box.binaryData.store(
		{ type: 'execution', workflowId: 'box-tests', executionId: 'streaming' },
		Readable.from(chunks),
		{ data: '', mimeType, fileName } as IBinaryData,
	);
	return { json: {}, binary: { data: binary } };
}

it('uploads a multi-MiB file kept in n8n’s binary store byte for byte, sized from n8n’s metadata', async () => {
	const chunks = Array.from({ length: 24 }, () => randomBytes(256 * 1024));
	const item = await storedItem(chunks, 'application/pdf', 'book-block.pdf');
	expect(item.binary?.data.id).toMatch(/^filesystem(-v2)?:/);
	// n8n keeps a pretty size ("6.29 MB") in the item; the exact one must come from its metadata
	expect(item.binary?.data.fileSize).not.toBe(String(6 * 1024 * 1024));

	const result = await runBox(
		box.sandbox,
		{ resource: 'file', operation: 'uploadBinary', folderId: locator(box.folderId), binaryPropertyName: 'data', copies: 1 },
		{ items: [item] },
	);
	expect(result.error).toBeUndefined();
	const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	expect(uploadPuts(box.sandbox).at(-1)?.upload).toMatchObject({ contentLength: size, bytesReceived: size });
	expect(box.sandbox.upload(String(result.items[0].json.uploadId))).toMatchObject({ size, sha256: sha256(...chunks) });
	expect(result.items[0].json).toMatchObject({ name: 'book-block.pdf', size });
	expect(callLines(box.sandbox).slice(-2)).toEqual(['GET /box/api/partner/file/uploadurls 200', 'POST /box/api/partner/file 200']);
});

it('re-opens the stream when the upload PUT is retried', async () => {
	box.sandbox.clearRequests();
	box.sandbox.setFaults({ failNext: { count: 1, status: 503, match: UPLOAD_PUTS } });
	const chunks = [randomBytes(300_000)];
	const result = await runBox(
		box.sandbox,
		{ resource: 'file', operation: 'uploadBinary', folderId: locator(box.folderId), binaryPropertyName: 'data', copies: 1 },
		{ items: [await storedItem(chunks, 'image/jpeg', 'photo.jpg')] },
	);
	expect(result.error).toBeUndefined();
	expect(uploadPuts(box.sandbox).map((put) => [put.status, put.upload?.bytesReceived])).toEqual([
		[503, 300_000],
		[200, 300_000],
	]);
	expect(box.sandbox.upload(String(result.items[0].json.uploadId)).sha256).toBe(sha256(chunks[0]));
});
