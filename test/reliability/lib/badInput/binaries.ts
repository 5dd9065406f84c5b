/**
 * Binary input for the upload operations: the field asked for and the one present, present or not,
 * empty or not, with any MIME type and file name.
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export const binaryArb = fc.record({
	requested: fc.constantFrom('data', 'file', ' data ', '', '  ', 'missing'),
	actual: fc.constantFrom('data', 'file'),
	present: fc.boolean(),
	bytes: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 1, maxLength: 64 })),
	mimeType: fc.oneof(
		fc.constantFrom('application/pdf', 'image/png', 'image/jpg', 'text/plain', 'application/octet-stream', '', 'image/svg+xml', 'application/x-msdownload', 'APPLICATION/PDF; charset=binary'),
		fc.string({ maxLength: 12 }),
	),
	fileName: fc.oneof(fc.constantFrom('a.pdf', '', '../../etc/passwd', `${'x'.repeat(300)}.pdf`, 'no-extension', 'photo.JPG', 'a.pdf\u0000.exe'), fc.string({ maxLength: 12 })),
});

export type BinaryPick = typeof binaryArb extends fc.Arbitrary<infer T> ? T : never;

/** An item with the picked binary (if present) under its actual name, and `extraJson`. */
export function itemWithBinary(pick: BinaryPick, extraJson: IDataObject = {}): INodeExecutionData {
	const bytes = Buffer.from(pick.bytes);
	return {
		json: extraJson,
		...(pick.present
			? { binary: { [pick.actual]: { data: bytes.toString('base64'), mimeType: pick.mimeType, fileName: pick.fileName, fileSize: String(bytes.length) } } }
			: {}),
	};
}

/** Why the binary cannot be uploaded, whatever the node's type rules. */
export function binaryProblem(pick: BinaryPick): string | undefined {
	const name = pick.requested.trim();
	if (!name) return 'an empty binary field name';
	if (!pick.present || name !== pick.actual) return `no binary field "${name}"`;
	if (pick.bytes.length === 0) return 'an empty file';
	return undefined;
}
