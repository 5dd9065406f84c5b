/**
 * Site Flow's rule for the type an artwork is uploaded as. Unlike Box, nothing is refused; reading
 * the binary's type is the shared reader's (tested in `test/nodes/box/uploadModules.test.ts`).
 */
import { artworkMimeType } from '../../../nodes/PrintOs/SiteFlow/artwork/artworkMimeType';

describe('artworkMimeType', () => {
	it('lets the Options > MIME Type override win, as typed', () => {
		expect(artworkMimeType({ mimeType: 'image/png', fileName: 'a.png' }, ' application/pdf ')).toBe('application/pdf');
	});

	it('uses the binary’s own type, resolved by the shared reader', () => {
		expect(artworkMimeType({ mimeType: 'image/png' })).toBe('image/png');
		expect(artworkMimeType({ mimeType: 'image/jpg' })).toBe('image/jpeg');
		expect(artworkMimeType({ mimeType: 'application/octet-stream', fileName: 'card.PDF' })).toBe('application/pdf');
	});

	it('keeps a type Box would refuse: Site Flow names no list of accepted types', () => {
		expect(artworkMimeType({ mimeType: 'image/svg+xml', fileName: 'logo.svg' })).toBe('image/svg+xml');
	});

	it('keeps octet-stream when nothing tells more, and takes a binary without any type for a PDF', () => {
		expect(artworkMimeType({ mimeType: 'application/octet-stream', fileName: 'artwork' })).toBe('application/octet-stream');
		expect(artworkMimeType({ mimeType: '', fileName: 'artwork' })).toBe('application/pdf');
		expect(artworkMimeType({})).toBe('application/pdf');
	});
});
