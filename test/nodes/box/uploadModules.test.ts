/**
 * The upload modules on their own: the shared ones both nodes upload through
 * (`nodes/PrintOs/shared/upload`: where the bytes come from, what type a binary is, what a storage
 * refusal says) and Box's own rules (which types Box takes, how its upload URLs are read). Site
 * Flow's type rule is in `test/nodes/siteFlow/artworkMimeType.test.ts`; the PUT itself is tested
 * end to end through both nodes.
 */
import { Readable } from 'stream';

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { boxUploadMimeType } from '../../../nodes/PrintOs/Box/upload/mimeTypes';
import { openBinarySource } from '../../../nodes/PrintOs/shared/upload/binarySource';
import { canonicalMimeType, resolveMimeType } from '../../../nodes/PrintOs/shared/upload/mimeTypes';
import { redactPresignedUrl, refusalReason, uploadTimeoutMs } from '../../../nodes/PrintOs/shared/upload/presignedPut';
import { readUploadTarget as readTarget } from '../../../nodes/PrintOs/shared/upload/presignedUpload';
import { BOX_UPLOAD_URL_FIELDS } from '../../../nodes/PrintOs/Box/endpoints';
import { SITE_FLOW_UPLOAD_URL_FIELDS } from '../../../nodes/PrintOs/SiteFlow/endpoints';

/** The Box reading of an upload URL answer: the upload URL and the fetch URL. */
function readUploadTarget(body: unknown) {
	const { uploadUrl, reference } = readTarget(body, { upload: BOX_UPLOAD_URL_FIELDS.upload, reference: BOX_UPLOAD_URL_FIELDS.fetch });
	return { uploadUrl, fetchUrl: reference };
}

function fakeContext(binary: IBinaryData, calls: string[]): IExecuteFunctions {
	return {
		getNode: () => ({ id: 'n', name: 'Box', type: 'printOsBox', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			assertBinaryData: () => binary,
			getBinaryMetadata: async (id: string) => {
				calls.push(`metadata:${id}`);
				return { fileSize: 7_340_032, mimeType: 'application/pdf', fileName: 'big.pdf' };
			},
			getBinaryStream: async (id: string) => {
				calls.push(`stream:${id}`);
				return Readable.from([Buffer.from('%PDF-')]);
			},
			getBinaryDataBuffer: async () => {
				calls.push('buffer');
				return Buffer.from('%PDF-1.7 small');
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('openBinarySource (shared)', () => {
	it('streams a binary kept outside the item, sized from n8n’s metadata, never buffering it', async () => {
		const calls: string[] = [];
		const binary = { id: 'filesystem-v2:abc', data: 'filesystem-v2', mimeType: 'application/pdf', fileName: 'big.pdf', fileSize: '7.34 MB' };
		const source = await openBinarySource(fakeContext(binary, calls), 0, 'data', 'application/pdf');
		expect(source.contentLength).toBe(7_340_032);
		expect(Buffer.isBuffer(await source.open())).toBe(false);
		await source.open();
		expect(calls).toEqual(['metadata:filesystem-v2:abc', 'stream:filesystem-v2:abc', 'stream:filesystem-v2:abc']);
	});

	it('uses the in-item bytes in memory mode, sized by their length', async () => {
		const calls: string[] = [];
		const source = await openBinarySource(fakeContext({ data: 'eA==', mimeType: 'application/pdf' }, calls), 0, ' data ', 'application/pdf');
		expect(source).toMatchObject({ contentLength: 14, contentType: 'application/pdf', propertyName: 'data' });
		expect(Buffer.isBuffer(await source.open())).toBe(true);
		expect(calls).toEqual(['buffer']);
	});

	it('refuses an empty field name before touching the binary', async () => {
		const calls: string[] = [];
		await expect(openBinarySource(fakeContext({ data: '', mimeType: 'x' }, calls), 3, '  ', 'application/pdf')).rejects.toThrow(
			'The "Input Binary Field" parameter is empty [item 3]',
		);
		expect(calls).toEqual([]);
	});
});

describe('resolveMimeType (shared)', () => {
	it.each([
		[{ mimeType: 'application/pdf; charset=binary' }, 'application/pdf'],
		[{ mimeType: 'IMAGE/JPEG' }, 'image/jpeg'],
		[{ mimeType: 'image/pjpeg' }, 'image/jpeg'],
		[{ mimeType: 'application/x-pdf' }, 'application/pdf'],
		// any declared type is kept, in canonical form: refusing it is a node's rule
		[{ mimeType: 'Image/WebP' }, 'image/webp'],
		[{ mimeType: 'text/plain', fileName: 'a.pdf' }, 'text/plain'],
		[{ mimeType: 'binary/octet-stream', fileExtension: '.PNG' }, 'image/png'],
		[{ fileName: 'scan.tiff' }, 'image/tiff'],
		[{ mimeType: 'application/octet-stream', fileName: 'archive.zip' }, undefined],
		[{ mimeType: 'application/octet-stream' }, undefined],
		[{}, undefined],
	])('reads %j as %s', (binary, expected) => {
		expect(resolveMimeType(binary)).toBe(expected);
	});

	it('canonicalMimeType drops parameters and case and resolves aliases', () => {
		expect(canonicalMimeType(' image/X-MS-BMP ; foo=bar')).toBe('image/bmp');
		expect(canonicalMimeType(undefined)).toBe('');
	});
});

describe('boxUploadMimeType', () => {
	it.each([
		[{ mimeType: 'application/pdf' }, 'application/pdf'],
		[{ mimeType: 'application/pdf; charset=binary' }, 'application/pdf'],
		[{ mimeType: 'IMAGE/JPEG' }, 'image/jpeg'],
		[{ mimeType: 'image/jpg' }, 'image/jpeg'],
		[{ mimeType: 'image/x-tiff' }, 'image/tiff'],
		[{ mimeType: 'image/png' }, 'image/png'],
		[{ mimeType: 'image/gif' }, 'image/gif'],
		[{ mimeType: 'image/bmp' }, 'image/bmp'],
		[{ mimeType: 'application/octet-stream', fileExtension: 'tif' }, 'image/tiff'],
		[{ mimeType: 'application/octet-stream', fileName: 'Order 12.PDF' }, 'application/pdf'],
		[{ mimeType: '', fileName: 'photo.jpeg' }, 'image/jpeg'],
	])('takes %j as %s', (binary, expected) => {
		expect(boxUploadMimeType(binary)).toBe(expected);
	});

	it.each([
		[{ mimeType: 'image/webp' }],
		[{ mimeType: 'image/svg+xml' }],
		[{ mimeType: 'image/heic' }],
		[{ mimeType: 'text/plain', fileName: 'a.pdf' }],
		[{ mimeType: 'application/octet-stream', fileName: 'archive.zip' }],
		[{ mimeType: 'application/octet-stream' }],
	])('refuses %j', (binary) => {
		expect(boxUploadMimeType(binary)).toBeUndefined();
	});
});

describe('readUploadTarget', () => {
	it('takes the first present of the candidate names', () => {
		expect(readUploadTarget({ uploadUrl: 'https://s3/u?sig', fetchUrl: 'https://s3/f' })).toEqual({ uploadUrl: 'https://s3/u?sig', fetchUrl: 'https://s3/f' });
		expect(readUploadTarget({ upload_url: ' https://s3/u ', url: 'https://s3/other', downloadUrl: 'https://s3/f' })).toEqual({
			uploadUrl: 'https://s3/u',
			fetchUrl: 'https://s3/f',
		});
	});

	it('reads either answer shape, bare or in a {data: {...}} envelope, with either table of names', () => {
		const siteFlowNames = { upload: SITE_FLOW_UPLOAD_URL_FIELDS.upload, reference: SITE_FLOW_UPLOAD_URL_FIELDS.path };
		const inner = { url: 'https://s3/put?sig', path: 'artwork/cards.pdf' };
		expect(readTarget({ data: inner }, siteFlowNames)).toEqual({ uploadUrl: 'https://s3/put?sig', reference: 'artwork/cards.pdf', answer: inner });
		expect(readTarget(inner, siteFlowNames)).toEqual({ uploadUrl: 'https://s3/put?sig', reference: 'artwork/cards.pdf', answer: inner });
		expect(readUploadTarget({ data: { uploadUrl: 'https://s3/u', fetchUrl: 'https://s3/f' } })).toEqual({ uploadUrl: 'https://s3/u', fetchUrl: 'https://s3/f' });
	});

	it('leaves out what is missing or not a string', () => {
		expect(readUploadTarget({ uploadUrl: 42, fetchUrl: '' })).toEqual({ uploadUrl: undefined, fetchUrl: undefined });
		expect(readUploadTarget(['https://s3/u'])).toEqual({ uploadUrl: undefined, fetchUrl: undefined });
	});
});

describe('refusalReason, uploadTimeoutMs and redactPresignedUrl (shared)', () => {
	it('reads S3 XML, JSON and plain text refusals', () => {
		expect(refusalReason('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')).toBe(
			'AccessDenied: Request has expired',
		);
		expect(refusalReason({ success: false, error: { message: 'Signature does not match' } })).toBe('Signature does not match');
		expect(refusalReason(Buffer.from('Bad Gateway'))).toBe('Bad Gateway');
		expect(refusalReason('<html><body>oops</body></html>')).toBe('');
	});

	it('gives a large upload time to travel on top of the answer timeout', () => {
		expect(uploadTimeoutMs(60_000, 0)).toBe(60_000);
		expect(uploadTimeoutMs(60_000, 256 * 1024 * 600)).toBe(660_000);
	});

	it('drops the query that holds the presigned signature', () => {
		expect(redactPresignedUrl('https://bucket.s3.amazonaws.com/key.pdf?X-Amz-Signature=abc&X-Amz-Expires=900')).toBe(
			'https://bucket.s3.amazonaws.com/key.pdf',
		);
	});
});
