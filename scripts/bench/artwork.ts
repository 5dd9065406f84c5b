/**
 * A large "PDF" on disk for the upload benchmark: a PDF header, random bytes, a trailer. Written
 * and hashed in one streaming pass, so the benchmark itself never holds the file in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';

export const GiB = 1024 * 1024 * 1024;

export interface Artwork {
	path: string;
	size: number;
	sha256: string;
}

const HEADER = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n', 'latin1');
const TRAILER = Buffer.from('\nendstream\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

export async function writeArtwork(path: string, size: number): Promise<Artwork> {
	if (size < HEADER.length + TRAILER.length) throw new Error(`an artwork file needs at least ${HEADER.length + TRAILER.length} bytes`);
	const hash = crypto.createHash('sha256');
	const out = fs.createWriteStream(path);
	const write = async (chunk: Buffer) => {
		hash.update(chunk);
		if (!out.write(chunk)) await once(out, 'drain');
	};
	await write(HEADER);
	let remaining = size - HEADER.length - TRAILER.length;
	const chunkSize = 4 * 1024 * 1024;
	while (remaining > 0) {
		const chunk = crypto.randomBytes(Math.min(chunkSize, remaining));
		remaining -= chunk.length;
		await write(chunk);
	}
	await write(TRAILER);
	out.end();
	await once(out, 'finish');
	return { path, size, sha256: hash.digest('hex') };
}

/** SHA-256 of a file, streamed. */
export async function hashFile(path: string): Promise<string> {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}
