/**
 * File downloads, as storage behind PrintOS would serve them: the signed API call (Box
 * `fileDownload`, Site Flow `fileDownload`) answers 302 to a short-lived presigned-style URL under
 * `/_downloads/`, which takes no HMAC and serves the bytes with Content-Length, Content-Type and
 * Content-Disposition. Bytes come from a sandbox upload, or are generated on the fly for
 * `/_generated/{size}/{seed}/{name}` URLs (any size, nothing held in memory) and for outside URLs the
 * sandbox never fetches. The `breakDownload` fault knob cuts a download off midway; `gzipDownload`
 * answers one gzip-encoded, as storage does for an object kept with that encoding. Every download
 * GET is in the request log, with whether it carried PrintOS signing headers.
 */
import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { gzipSync } from 'zlib';

import type { SandboxCore } from './core';
import { constantTimeEqual, errorBody, HttpError, queryObject, sendJson } from './http';
import { randomToken } from './ids';
import { hasSigningHeaders, loggableHeaders, type RequestEntry } from './requestLog';
import type { ApiResult, Json } from './types';

const CHUNK_BYTES = 64 * 1024;
/** Stand-in size for files at outside URLs the sandbox does not fetch. */
const OUTSIDE_FILE_BYTES = 4096;
const TICKET_LIFETIME_MS = 15 * 60_000;

const GENERATED_PATH = /^\/_generated\/(\d{1,13})\/([^/]+)(?:\/([^/]+))?$/;
const DOWNLOAD_PATH = /^\/_downloads\/([0-9a-zA-Z]+)$/;

const MIME_BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	zip: 'application/zip',
};

export type DownloadSource = { kind: 'upload'; uploadId: string } | { kind: 'generated'; size: number; seed: string };

interface Ticket {
	source: DownloadSource;
	fileName: string;
	mimeType: string;
	signature: string;
	expiresAt: number;
}

export function mimeTypeOf(fileName: string): string {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
	return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** A 64 KiB block per seed; chunk `n` is the block with `n` written into its first bytes. */
function seedBlock(seed: string): Buffer {
	const block = Buffer.alloc(CHUNK_BYTES);
	let digest = createHash('sha256').update(seed).digest();
	for (let offset = 0; offset < CHUNK_BYTES; offset += digest.length) {
		digest.copy(block, offset);
		digest = createHash('sha256').update(digest).digest();
	}
	return block;
}

/** The bytes of a generated file, chunk by chunk; each chunk is a fresh buffer the caller may keep. */
export function* generatedChunks(size: number, seed: string): Generator<Buffer> {
	const block = seedBlock(seed);
	for (let index = 0, offset = 0; offset < size; index++, offset += CHUNK_BYTES) {
		const chunk = Buffer.from(block.subarray(0, Math.min(CHUNK_BYTES, size - offset)));
		chunk.writeUInt32BE(index >>> 0, 0);
		yield chunk;
	}
}

/** SHA-256 of a generated file, for tests and benchmarks to compare against. */
export function generatedSha256(size: number, seed: string): string {
	const hash = createHash('sha256');
	for (const chunk of generatedChunks(size, seed)) hash.update(chunk);
	return hash.digest('hex');
}

/** `{origin}/_generated/{size}/{seed}/{name}`: a public URL whose bytes the sandbox makes up. */
export function generatedUrl(origin: string, size: number, seed: string, fileName: string): string {
	return `${origin}/_generated/${size}/${encodeURIComponent(seed)}/${encodeURIComponent(fileName)}`;
}

export function parseGeneratedUrl(url: unknown): { size: number; seed: string; fileName?: string } | undefined {
	if (typeof url !== 'string') return undefined;
	try {
		const match = GENERATED_PATH.exec(new URL(url).pathname);
		if (!match) return undefined;
		return { size: Number(match[1]), seed: decodeURIComponent(match[2]), fileName: match[3] ? decodeURIComponent(match[3]) : undefined };
	} catch {
		return undefined;
	}
}

/** Resolves when the response can take more, or is gone; leaves no listener behind. */
function drained(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

export class Downloads {
	private tickets = new Map<string, Ticket>();

	constructor(private readonly core: SandboxCore) {}

	/** Where the bytes of a file that PrintOS got from `url` (an upload's fetch URL or any URL) come from. */
	sourceOf(url: unknown, uploadId?: string | null): DownloadSource {
		const upload = uploadId ? this.core.store.uploads.get(uploadId) : this.core.uploads.byFetchUrl(url);
		if (upload) {
			if (!upload.complete) throw new HttpError(404, 'The file has not been received yet');
			if (!upload.kept) throw new HttpError(410, 'The file is larger than the sandbox keeps: only its size and sha256 were recorded');
			return { kind: 'upload', uploadId: upload.id };
		}
		const generated = parseGeneratedUrl(url);
		if (generated) return { kind: 'generated', size: generated.size, seed: generated.seed };
		return { kind: 'generated', size: OUTSIDE_FILE_BYTES, seed: String(url ?? '') };
	}

	/** The answer of a signed download call: a redirect to a presigned-style URL for the bytes. */
	redirect(origin: string, source: DownloadSource, fileName: string, mimeType?: string): ApiResult {
		const token = randomToken(16).replace(/[^0-9a-zA-Z]/g, '') || 'download';
		const signature = randomToken(20);
		this.tickets.set(token, { source, fileName, mimeType: mimeType || mimeTypeOf(fileName), signature, expiresAt: Date.now() + TICKET_LIFETIME_MS });
		const location = `${origin}/_downloads/${token}?signature=${signature}`;
		return { status: 302, body: { url: location }, headers: { location } };
	}

	/** Serves `/_downloads/...` and `/_generated/...`; false when the path is neither. */
	async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
		const generated = GENERATED_PATH.exec(url.pathname);
		const ticketMatch = DOWNLOAD_PATH.exec(url.pathname);
		if (!generated && !ticketMatch) return false;
		req.resume();
		const entry: RequestEntry = {
			time: new Date().toISOString(),
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(Object.entries(queryObject(url.searchParams)).filter(([name]) => name !== 'signature')),
			status: 0,
			scheme: null,
			family: null,
			credential: null,
			durationMs: 0,
			headers: loggableHeaders(req.headers),
			download: { hmacHeaders: hasSigningHeaders(req.headers), bytesSent: 0, broken: false },
		};
		const finish = (status: number, error?: string) => {
			Object.assign(entry, { status, ...(error ? { error } : {}) });
			this.core.requests.record(entry);
		};
		if (entry.method !== 'GET') {
			finish(405);
			sendJson(res, 405, errorBody(405, 'Download URLs take GET'));
			return true;
		}
		let ticket: Omit<Ticket, 'signature' | 'expiresAt'>;
		if (generated) {
			const fileName = generated[3] ? decodeURIComponent(generated[3]) : 'file.bin';
			ticket = { source: { kind: 'generated', size: Number(generated[1]), seed: decodeURIComponent(generated[2]) }, fileName, mimeType: mimeTypeOf(fileName) };
		} else {
			const found = this.tickets.get(ticketMatch?.[1] ?? '');
			if (!found || found.expiresAt < Date.now()) {
				finish(403, 'Download URL unknown or expired');
				sendJson(res, 403, errorBody(403, 'Request has expired: get a fresh download URL'));
				return true;
			}
			if (!constantTimeEqual(url.searchParams.get('signature') ?? '', found.signature)) {
				finish(403, 'Signature does not match');
				sendJson(res, 403, errorBody(403, 'Signature does not match: use the download URL exactly as it was returned'));
				return true;
			}
			ticket = found;
		}
		await this.send(res, ticket, entry);
		finish(200, entry.download?.broken ? 'download broken off midway (injected by the sandbox)' : undefined);
		return true;
	}

	private async send(res: ServerResponse, ticket: Omit<Ticket, 'signature' | 'expiresAt'>, entry: RequestEntry): Promise<void> {
		const details = entry.download as NonNullable<RequestEntry['download']>;
		const upload = ticket.source.kind === 'upload' ? this.core.store.uploads.get(ticket.source.uploadId) : undefined;
		const size = ticket.source.kind === 'generated' ? ticket.source.size : Number(upload?.size ?? 0);
		const breakAfter = this.core.faults.takeBrokenDownload(entry.path);
		if (breakAfter !== undefined) this.core.requests.faultInjected();
		let chunks: Iterable<Buffer> | AsyncIterable<Buffer> =
			ticket.source.kind === 'generated'
				? generatedChunks(ticket.source.size, ticket.source.seed)
				: upload?.bytes
					? [upload.bytes]
					: (createReadStream(String(upload?.filePath)) as AsyncIterable<Buffer>);
		let length = size;
		const encoded = this.core.faults.takeGzipDownload(entry.path);
		if (encoded) {
			// encoded whole, in memory: meant for test-sized files
			const whole: Buffer[] = [];
			for await (const chunk of chunks) whole.push(chunk);
			const gzipped = gzipSync(Buffer.concat(whole));
			chunks = Array.from({ length: Math.ceil(gzipped.length / CHUNK_BYTES) }, (_, index) => gzipped.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES));
			length = gzipped.length;
			details.encoding = 'gzip';
		}
		res.writeHead(200, {
			'content-type': ticket.mimeType,
			'content-length': String(length),
			...(encoded ? { 'content-encoding': 'gzip' } : {}),
			'content-disposition': `attachment; filename="${ticket.fileName.replace(/["\\\r\n]/g, '_')}"`,
		});
		for await (const whole of chunks) {
			let chunk = whole;
			if (breakAfter !== undefined && details.bytesSent + chunk.length >= breakAfter) {
				chunk = chunk.subarray(0, Math.max(0, breakAfter - details.bytesSent));
				if (chunk.length) res.write(chunk);
				details.bytesSent += chunk.length;
				details.broken = true;
				// let the bytes so far leave before the connection is cut, as a real mid-transfer failure would
				await new Promise((resolve) => setTimeout(resolve, 20));
				res.socket?.destroy();
				return;
			}
			if (res.destroyed) return;
			details.bytesSent += chunk.length;
			if (!res.write(chunk)) await drained(res);
		}
		res.end();
	}
}

/** Box file versions and Site Flow order files name their bytes by the URL PrintOS fetched. */
export function fileNameOf(path: unknown, fallback = 'file'): string {
	const text = String(path ?? '');
	try {
		const last = new URL(text).pathname.split('/').filter(Boolean).pop();
		if (last) return decodeURIComponent(last);
	} catch {
		// not a URL: a plain file name or path
	}
	return text.split('/').filter(Boolean).pop() || fallback;
}

export type { Json };
