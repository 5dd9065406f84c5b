/**
 * The two readings the presigned upload makes of what it is answered (the PUT itself is tested
 * over HTTP in test/transport/presignedUpload.test.ts): the upload target in every answer shape
 * PrintOS may give, and the reason a storage gives for refusing a PUT.
 */
import { BOX_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/Box/endpoints';
import { SITE_FLOW_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/SiteFlow/endpoints';
import { refusalReason } from '../../nodes/PrintOs/shared/upload/presignedPut';
import { readUploadTarget } from '../../nodes/PrintOs/shared/upload/presignedUpload';

const box = { upload: BOX_UPLOAD_URL_FIELDS.upload, reference: BOX_UPLOAD_URL_FIELDS.fetch };
const siteFlow = { upload: SITE_FLOW_UPLOAD_URL_FIELDS.upload, reference: SITE_FLOW_UPLOAD_URL_FIELDS.path };

describe('readUploadTarget', () => {
	it('reads Box’s answer and Site Flow’s, bare or in a {data: {...}} envelope', () => {
		const boxAnswer = { uploadUrl: 'https://s3/u?sig', fetchUrl: 'https://s3/f' };
		expect(readUploadTarget({ data: boxAnswer }, box)).toEqual({ uploadUrl: 'https://s3/u?sig', reference: 'https://s3/f', answer: boxAnswer });
		const siteFlowAnswer = { url: 'https://s3/put?sig', path: 'artwork/cards.pdf' };
		expect(readUploadTarget(siteFlowAnswer, siteFlow)).toEqual({ uploadUrl: 'https://s3/put?sig', reference: 'artwork/cards.pdf', answer: siteFlowAnswer });
	});

	it.each([
		['a text', 'ready'],
		['a number', 1],
		['a list', [{ url: 'https://s3/elsewhere' }]],
		['null', null],
	])('takes a `data` that is %s for a field of a bare answer, not for an envelope', (_, data) => {
		const answer = { data, url: 'https://s3/put?sig', path: 'artwork/cards.pdf' };
		expect(readUploadTarget(answer, siteFlow)).toEqual({ uploadUrl: 'https://s3/put?sig', reference: 'artwork/cards.pdf', answer });
	});

	it('skips a candidate that is blank or not a text for the next one, and trims the one it takes', () => {
		expect(readUploadTarget({ uploadUrl: '   ', uploadURL: 7, upload_url: ' https://s3/u ', fetchUrl: '', fetchURL: 'https://s3/f' }, box)).toMatchObject({
			uploadUrl: 'https://s3/u',
			reference: 'https://s3/f',
		});
	});

	it('finds nothing in an answer that is not an object', () => {
		for (const body of [undefined, null, '', 'https://s3/u', ['https://s3/u'], 42]) {
			expect(readUploadTarget(body, box)).toEqual({ uploadUrl: undefined, reference: undefined, answer: {} });
		}
	});
});

describe('refusalReason', () => {
	it('takes a JSON answer’s message, else its error as a text, else its error’s message', () => {
		expect(refusalReason({ message: 'Signature expired', error: 'ignored' })).toBe('Signature expired');
		expect(refusalReason({ error: 'Forbidden' })).toBe('Forbidden');
		expect(refusalReason({ success: false, error: { message: 'Signature does not match' } })).toBe('Signature does not match');
	});

	it('gives a JSON answer without a message as it is', () => {
		expect(refusalReason({ code: 'SlowDown' })).toBe('{"code":"SlowDown"}');
		expect(refusalReason({ message: '', error: null })).toBe('{"message":"","error":null}');
		expect(refusalReason({ error: { code: 7 } })).toBe('{"error":{"code":7}}');
		expect(refusalReason(42)).toBe('42');
	});

	it('reads an S3 XML error’s code and message, either alone', () => {
		expect(refusalReason('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')).toBe('AccessDenied: Request has expired');
		expect(refusalReason('<Error><Code>AccessDenied</Code></Error>')).toBe('AccessDenied');
		expect(refusalReason('<Error><Message>Request has expired</Message></Error>')).toBe('Request has expired');
	});

	it('gives plain text trimmed, and nothing for an HTML page or an empty answer', () => {
		expect(refusalReason('  Bad Gateway\n')).toBe('Bad Gateway');
		expect(refusalReason(Buffer.from('Bad Gateway'))).toBe('Bad Gateway');
		expect(refusalReason('\n  <html><body>oops</body></html>')).toBe('');
		for (const body of [undefined, null, '', Buffer.alloc(0)]) expect(refusalReason(body)).toBe('');
	});

	it('gives nothing for an answer it cannot write out', () => {
		const circular: Record<string, unknown> = { code: 1 };
		circular.self = circular;
		expect(refusalReason(circular)).toBe('');
	});

	it('keeps at most 300 characters of any reason', () => {
		const long = 'x'.repeat(400);
		expect(refusalReason({ message: long })).toBe('x'.repeat(300));
		expect(refusalReason(long)).toBe('x'.repeat(300));
		expect(refusalReason(`<Error><Code>${long}</Code></Error>`)).toBe('x'.repeat(300));
	});
});
