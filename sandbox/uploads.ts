/**
 * Pre-signed-style upload URLs (Box `uploadurls`, Site Flow `getpreupload`, order files). Like S3,
 * the PUT carries no HMAC, only the URL's own `signature`, and must say its Content-Length (S3
 * answers a chunked PUT with 411). Bytes are streamed: size and SHA-256 are computed on the fly and
 * at most `keepBytesLimit` bytes stay in memory; larger bodies are only hashed, or spilled to
 * `uploadDir` when one is configured. Every PUT is in the request log (without its signature), and
 * the fault knobs whose `match.path` matches an upload's path apply to it.
 */
import { createHash } from 'crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, type WriteStream } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { join } from 'path';
import { once } from 'events';

import { uploadArrived } from './box/model';
import type { SandboxCore } from './core';
import { DROPPED_BEFORE_PROCESSING, faultMessage } from './faults';
import { constantTimeEqual, errorBody, queryObject, sendJson } from './http';
import { objectId, randomToken } from './ids';
import { hasSigningHeaders, loggableHeaders, type RequestEntry } from './requestLog';
import type { UploadRecord } from './store';

const UPLOAD_PATH = /^\/_uploads\/([0-9a-f]{24})$/;

export function uploadIdFromPath(pathname: string): string | undefined {
	return UPLOAD_PATH.exec(pathname)?.[1];
}

export function uploadView(record: UploadRecord) {
	return {
		id: record.id,
		size: record.size,
		sha256: record.sha256,
		mimeType: record.mimeType,
		complete: record.complete,
		kept: record.kept,
		purpose: record.purpose,
		orderId: record.orderId ?? null,
		fileId: record.fileId ?? null,
		uploadUrl: record.uploadUrl,
		fetchUrl: record.fetchUrl,
		createdAt: record.createdAt,
		completedAt: record.completedAt ?? null,
	};
}

async function write(stream: WriteStream, chunk: Uint8Array): Promise<void> {
	if (!stream.write(chunk)) await once(stream, 'drain');
}

export class Uploads {
	constructor(private readonly core: SandboxCore) {}

	create(purpose: UploadRecord['purpose'], mimeType: string, origin: string, link: { orderId?: string; fileId?: string } = {}): UploadRecord {
		const id = objectId();
		const signature = randomToken(20);
		const record: UploadRecord = {
			id,
			signature,
			mimeType: mimeType || 'application/octet-stream',
			purpose,
			...link,
			uploadUrl: `${origin}/_uploads/${id}?signature=${signature}`,
			fetchUrl: `${origin}/_uploads/${id}`,
			createdAt: new Date().toISOString(),
			complete: false,
			size: 0,
			sha256: null,
			kept: false,
		};
		this.core.store.uploads.set(id, record);
		this.core.changed();
		return record;
	}

	/** The upload a fetch URL (or an upload URL) of ours points at, whatever host the client used. */
	byFetchUrl(url: unknown): UploadRecord | undefined {
		if (typeof url !== 'string' || !url.includes('/_uploads/')) return undefined;
		try {
			const id = uploadIdFromPath(new URL(url).pathname);
			return id ? this.core.store.uploads.get(id) : undefined;
		} catch {
			return undefined;
		}
	}

	async handlePut(req: IncomingMessage, res: ServerResponse, id: string, url: URL): Promise<void> {
		const started = performance.now();
		const pathname = url.pathname;
		const query = queryObject(url.searchParams);
		delete query.signature;
		const lengthHeader = req.headers['content-length'];
		const upload = {
			contentLength: lengthHeader === undefined ? null : Number(lengthHeader),
			contentType: req.headers['content-type'] ?? null,
			hmacHeaders: hasSigningHeaders(req.headers),
			bytesReceived: 0,
		};
		const entry: RequestEntry = {
			time: new Date().toISOString(),
			method: 'PUT',
			path: pathname,
			query,
			status: 0,
			scheme: null,
			family: null,
			credential: null,
			durationMs: 0,
			headers: loggableHeaders(req.headers),
			upload,
		};
		const log = (status: number, extra: Partial<RequestEntry> = {}) => {
			Object.assign(entry, { status, ...extra, durationMs: Math.round((performance.now() - started) * 10) / 10 });
			this.core.requests.record(entry);
		};
		/** Reads and discards the body, so the client hears the answer rather than a reset while sending. */
		const drain = async () => {
			try {
				for await (const chunk of req) upload.bytesReceived += (chunk as Uint8Array).length;
			} catch {
				// the client went away; whatever is answered next goes nowhere
			}
		};
		const refuse = async (status: number, message: string, headers: Record<string, string> = {}) => {
			await drain();
			log(status, { error: message });
			sendJson(res, status, errorBody(status, message), headers);
		};
		const faults = this.core.faults;

		if (lengthHeader === undefined) {
			return refuse(411, 'Content-Length is required: an upload URL does not take a chunked upload', { connection: 'close' });
		}
		const record = this.core.store.uploads.get(id);
		if (!record) return refuse(404, 'Upload not found');
		if (!constantTimeEqual(url.searchParams.get('signature') ?? '', record.signature)) {
			return refuse(403, 'Signature does not match: use the upload URL exactly as it was returned');
		}
		if (faults.takeDropBefore('PUT', pathname, 'upload')) {
			this.core.requests.faultInjected();
			await drain();
			log(0, { dropped: true, error: DROPPED_BEFORE_PROCESSING });
			req.socket.destroy();
			return;
		}
		const injected = faults.takeFailNext('PUT', pathname, 'upload');
		if (injected) {
			this.core.requests.faultInjected();
			return refuse(injected.status, faultMessage(injected.status), injected.headers);
		}

		const limit = this.core.config.keepBytesLimit;
		const hash = createHash('sha256');
		const kept: Uint8Array[] = [];
		let keeping = true;
		let spill: WriteStream | undefined;
		const spillPath = this.core.config.uploadDir ? join(this.core.config.uploadDir, id) : undefined;
		try {
			for await (const data of req) {
				const chunk = data as Uint8Array;
				hash.update(chunk);
				upload.bytesReceived += chunk.length;
				if (keeping && upload.bytesReceived <= limit) {
					kept.push(chunk);
					continue;
				}
				if (keeping) {
					keeping = false;
					if (spillPath) {
						mkdirSync(this.core.config.uploadDir as string, { recursive: true });
						spill = createWriteStream(spillPath);
						for (const earlier of kept) await write(spill, earlier);
					}
					kept.length = 0;
				}
				if (spill) await write(spill, chunk);
			}
			if (spill) {
				spill.end();
				await once(spill, 'finish');
			}
		} catch (error) {
			spill?.destroy();
			const message = `Upload interrupted: ${(error as Error).message}`;
			log(400, { error: message });
			if (!res.headersSent && !res.destroyed) sendJson(res, 400, errorBody(400, message));
			return;
		}
		if (record.filePath && record.filePath !== spillPath) rmSync(record.filePath, { force: true });
		Object.assign(record, {
			complete: true,
			size: upload.bytesReceived,
			sha256: hash.digest('hex'),
			completedAt: new Date().toISOString(),
			kept: keeping || !!spill,
			bytes: keeping ? Buffer.concat(kept) : undefined,
			filePath: spill ? spillPath : undefined,
		});
		const contentType = req.headers['content-type'];
		if (contentType && record.mimeType === 'application/octet-stream') record.mimeType = contentType;
		this.core.lifecycle.uploadCompleted(record);
		uploadArrived(this.core, record);
		this.core.changed();

		if (faults.takeDrop('PUT', pathname, 'upload')) {
			this.core.requests.faultInjected();
			log(200, { dropped: true });
			req.socket.destroy();
			return;
		}
		await this.core.requests.delayAnswer(faults.takeSlow('PUT', pathname, 'upload'));
		log(200);
		res.writeHead(200, { etag: `"${(record.sha256 as string).slice(0, 32)}"`, 'content-length': 0 });
		res.end();
	}

	handleGet(res: ServerResponse, id: string): void {
		const record = this.core.store.uploads.get(id);
		if (!record) return sendJson(res, 404, errorBody(404, 'Upload not found'));
		if (!record.complete) return sendJson(res, 404, errorBody(404, 'Nothing has been uploaded to this URL yet'));
		if (!record.kept) return sendJson(res, 410, { success: false, error: { code: 410, name: 'Gone', message: 'Upload larger than the kept-bytes limit: only its size and sha256 were recorded' } });
		const headers = { 'content-type': record.mimeType, 'content-length': record.size, 'x-sha256': record.sha256 as string };
		if (record.bytes) {
			res.writeHead(200, headers);
			res.end(record.bytes);
			return;
		}
		res.writeHead(200, headers);
		createReadStream(record.filePath as string).on('error', () => res.destroy()).pipe(res);
	}
}
