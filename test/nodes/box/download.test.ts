/**
 * Box File: Download in n8n's filesystem binary mode: the bytes, name and MIME type of the current
 * version or a chosen revision, streamed to n8n's binary store, fetched from the presigned URL without
 * signing headers, and a download cut off midway fails the item without leaving a binary.
 */
import { useFilesystemBox } from './filesystemBox';

import { createHash } from 'crypto';
import { readdirSync, statSync } from 'fs';
import { join } from 'path';

import type { IBinaryData } from 'n8n-workflow';

import { generatedSha256, generatedUrl } from '../../../sandbox/downloads';
import { binaryItem, locator, pdfBytes, runBox, sha256 } from './boxKit';

const box = useFilesystemBox('Downloads');

async function storedHash(binary: IBinaryData): Promise<{ sha256: string; size: number }> {
	const hash = createHash('sha256');
	let size = 0;
	for await (const chunk of await box.binaryData.getAsStream(binary.id as string)) {
		hash.update(chunk as Buffer);
		size += (chunk as Buffer).length;
	}
	return { sha256: hash.digest('hex'), size };
}

async function addByUrl(url: string, name: string): Promise<string> {
	const result = await runBox(box.sandbox, { resource: 'file', operation: 'uploadFromUrl', folderId: locator(box.folderId), url, name, copies: 1 });
	if (result.error) throw result.error;
	return String(result.items[0].json._id);
}

function downloads() {
	return box.sandbox.requests(1000).filter((entry) => entry.download);
}

async function download(fileId: string, extra: Record<string, unknown> = {}) {
	return await runBox(box.sandbox, { resource: 'file', operation: 'download', fileId: locator(fileId), binaryPropertyName: 'file', ...extra });
}

it('downloads the current version: same bytes, file name and MIME type, no signing header at the storage URL', async () => {
	const bytes = pdfBytes(300_000);
	const uploaded = await runBox(
		box.sandbox,
		{ resource: 'file', operation: 'uploadBinary', folderId: locator(box.folderId), binaryPropertyName: 'data', copies: 1 },
		{ items: [binaryItem(bytes, 'application/pdf', 'proof.pdf')] },
	);
	expect(uploaded.error).toBeUndefined();
	box.sandbox.clearRequests();

	const result = await download(String(uploaded.items[0].json._id));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	const binary = result.items[0].binary?.file as IBinaryData;
	expect(binary).toMatchObject({ fileName: 'proof.pdf', mimeType: 'application/pdf' });
	expect(binary.id).toMatch(/^filesystem(-v2)?:/);
	expect(await storedHash(binary)).toEqual({ sha256: sha256(bytes), size: bytes.length });
	// an added file's current version is its "standard" profile, revision 2: the same bytes as the original
	expect(result.items[0].json).toMatchObject({ fileName: 'proof.pdf', mimeType: 'application/pdf', revision: 2 });

	const calls = box.sandbox.requests(1000).map((entry) => `${entry.method} ${entry.path.replace(/_downloads\/\w+/, '_downloads/:token').replace(/[0-9a-f]{24}/g, ':id')} ${entry.status}`);
	expect(calls).toEqual(['GET /box/api/partner/file/:id 200', 'GET /box/api/partner/file/:id/download 302', 'GET /_downloads/:token 200']);
	expect(downloads()[0].download).toEqual({ hmacHeaders: false, bytesSent: bytes.length, broken: false });
});

it('downloads a chosen revision by number or version _id, each with its own name, MIME type and bytes', async () => {
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, 70_000, 'photo-seed', 'photo.jpg'), 'photo.jpg');
	const converted = await runBox(box.sandbox, { resource: 'file', operation: 'convertToPdf', fileId: locator(fileId) });
	expect(converted.error).toBeUndefined();
	const versions = converted.items[0].json.versions as Array<{ _id: string; revision: number }>;
	expect(versions.map((version) => version.revision)).toEqual([1, 2, 3]);

	const original = await download(fileId, { version: 'chosen', revision: '1' });
	expect(original.error).toBeUndefined();
	const originalBinary = original.items[0].binary?.file as IBinaryData;
	expect(originalBinary).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
	expect(await storedHash(originalBinary)).toEqual({ sha256: generatedSha256(70_000, 'photo-seed'), size: 70_000 });

	const current = await download(fileId);
	const byId = await download(fileId, { version: 'chosen', revision: versions[2]._id });
	for (const result of [current, byId]) {
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.file).toMatchObject({ fileName: 'photo.pdf', mimeType: 'application/pdf' });
		expect(result.items[0].json).toMatchObject({ revision: 3, versionId: versions[2]._id });
	}
	const currentHash = await storedHash(current.items[0].binary?.file as IBinaryData);
	expect(currentHash).toEqual(await storedHash(byId.items[0].binary?.file as IBinaryData));
	expect(currentHash.sha256).not.toBe(generatedSha256(70_000, 'photo-seed'));
});

it('keeps the file itself when storage answers gzip-encoded: the stored binary has the original file\'s bytes and size', async () => {
	const size = 300_000;
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, size, 'encoded', 'encoded.pdf'), 'encoded.pdf');
	box.sandbox.setFaults({ gzipDownload: { count: 1 } });
	const result = await download(fileId);
	expect(result.error).toBeUndefined();
	const served = downloads().at(-1)?.download;
	// Content-Length counted the encoded bytes, which are not the file's
	expect(served).toMatchObject({ encoding: 'gzip', broken: false });
	expect(served?.bytesSent).not.toBe(size);
	expect(await storedHash(result.items[0].binary?.file as IBinaryData)).toEqual({ sha256: generatedSha256(size, 'encoded'), size });
});

it('fails the item when a gzip-encoded download breaks off midway', async () => {
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, 300_000, 'encoded-cut', 'encoded-cut.pdf'), 'encoded-cut.pdf');
	box.sandbox.setFaults({ gzipDownload: { count: 1 }, breakDownload: { count: 1, afterBytes: 100_000 } });
	const result = await download(fileId);
	expect(result.error?.message).toMatch(/^The download broke off during File: Download/);
	expect(result.error?.description).toContain('The item gets no partial file; run the operation again.');
	expect(result.items).toHaveLength(0);
	expect(downloads().at(-1)?.download).toMatchObject({ encoding: 'gzip', broken: true, bytesSent: 100_000 });
});

it('refuses an unknown revision before downloading anything', async () => {
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, 1000, 'x', 'x.pdf'), 'x.pdf');
	box.sandbox.clearRequests();
	const result = await download(fileId, { version: 'chosen', revision: '7' });
	expect(result.error?.message).toBe('Item 0: the file has no revision "7"');
	expect(downloads()).toHaveLength(0);
});

it('streams a large file to disk: memory grows far less than the file', async () => {
	const size = 256 * 1024 * 1024;
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, size, 'large', 'large.pdf'), 'large.pdf');
	global.gc?.();
	const base = process.memoryUsage();
	let peak = 0;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peak = Math.max(peak, now.rss - base.rss, now.arrayBuffers - base.arrayBuffers);
	}, 5);
	const result = await download(fileId);
	clearInterval(sampler);
	expect(result.error).toBeUndefined();
	expect(await storedHash(result.items[0].binary?.file as IBinaryData)).toEqual({ sha256: generatedSha256(size, 'large'), size });
	// a buffered download would hold the whole 256 MiB at once
	expect(peak).toBeLessThan(96 * 1024 * 1024);
});

function metadataFiles(): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (name.endsWith('.metadata')) out.push(path);
		}
	};
	walk(process.env.N8N_USER_FOLDER as string);
	return out;
}

it('fails the item when the download breaks off midway, and keeps no binary of it', async () => {
	const fileId = await addByUrl(generatedUrl(box.sandbox.url, 4 * 1024 * 1024, 'broken', 'broken.pdf'), 'broken.pdf');
	const before = metadataFiles().length;
	box.sandbox.setFaults({ breakDownload: { count: 1, afterBytes: 1024 * 1024 } });
	const result = await download(fileId);
	expect(result.error?.message).toMatch(/^The download broke off during File: Download/);
	expect(result.items).toHaveLength(0);
	expect(downloads().at(-1)?.download).toMatchObject({ broken: true, bytesSent: 1024 * 1024 });
	expect(metadataFiles()).toHaveLength(before);

	const retried = await download(fileId);
	expect(retried.error).toBeUndefined();
	expect(await storedHash(retried.items[0].binary?.file as IBinaryData)).toEqual({ sha256: generatedSha256(4 * 1024 * 1024, 'broken'), size: 4 * 1024 * 1024 });
});
