/**
 * Where the artwork bytes come from: n8n's binary store as a stream when the binary has an id
 * (filesystem/S3 binary modes), the in-item buffer otherwise.
 */
import { Readable } from 'stream';

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { openArtwork } from '../../../nodes/PrintOs/SiteFlow/artwork/binaryArtwork';

function fakeContext(binary: IBinaryData, calls: string[]): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Site Flow', type: 'printOsSiteFlow', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			assertBinaryData: () => binary,
			getBinaryMetadata: async (id: string) => {
				calls.push(`metadata:${id}`);
				return { fileSize: 5, mimeType: 'application/pdf', fileName: 'a.pdf' };
			},
			getBinaryStream: async (id: string) => {
				calls.push(`stream:${id}`);
				return Readable.from([Buffer.from('%PDF-')]);
			},
			getBinaryDataBuffer: async () => {
				calls.push('buffer');
				return Buffer.from('hello world');
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('openArtwork', () => {
	it('streams a binary kept outside the item, sized from n8n metadata', async () => {
		const calls: string[] = [];
		const artwork = await openArtwork(
			fakeContext({ id: 'filesystem-v2:abc', data: 'filesystem-v2', mimeType: 'application/pdf', fileName: 'a.pdf' }, calls),
			0,
			'data',
		);
		expect(artwork.contentLength).toBe(5);
		const body = await artwork.open();
		expect(Buffer.isBuffer(body)).toBe(false);
		expect(calls).toEqual(['metadata:filesystem-v2:abc', 'stream:filesystem-v2:abc']);
		// each attempt re-opens the stream
		await artwork.open();
		expect(calls.filter((call) => call.startsWith('stream'))).toHaveLength(2);
	});

	it('uses the in-item buffer otherwise, with the MIME override winning', async () => {
		const calls: string[] = [];
		const artwork = await openArtwork(fakeContext({ data: 'aGVsbG8gd29ybGQ=', mimeType: 'image/png' }, calls), 0, 'data', 'application/pdf');
		expect(artwork).toMatchObject({ contentLength: 11, mimeType: 'application/pdf', propertyName: 'data' });
		expect(Buffer.isBuffer(await artwork.open())).toBe(true);
		expect(calls).toEqual(['buffer']);
	});

	it('refuses an empty field name before touching the binary', async () => {
		await expect(openArtwork(fakeContext({ data: '', mimeType: 'x' }, []), 2, ' ')).rejects.toThrow('Item 2: "Input Binary Field" is empty');
	});
});
