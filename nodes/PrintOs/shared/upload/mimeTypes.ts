/**
 * What MIME type an input binary really is, for the upload URL request and the PUT's Content-Type.
 * n8n binaries carry whatever the previous node declared: parameters (`; charset=binary`), odd case,
 * non-standard spellings, or `application/octet-stream` for a file read from disk or fetched without
 * a type. This module only reads the binary; which types a node takes is that node's rule
 * (Box: `Box/upload/mimeTypes.ts`, Site Flow: `SiteFlow/artwork/artworkMimeType.ts`).
 */

/** PDF and the raster formats print workflows and image-to-PDF converters commonly read. */
export const PRINT_FILE_TYPES = [
	{ name: 'PDF', value: 'application/pdf', extensions: ['pdf'] },
	{ name: 'JPEG Image', value: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'] },
	{ name: 'PNG Image', value: 'image/png', extensions: ['png'] },
	{ name: 'TIFF Image', value: 'image/tiff', extensions: ['tif', 'tiff'] },
	{ name: 'GIF Image', value: 'image/gif', extensions: ['gif'] },
	{ name: 'BMP Image', value: 'image/bmp', extensions: ['bmp'] },
] as const;

export type PrintMimeType = (typeof PRINT_FILE_TYPES)[number]['value'];

export interface BinaryTypeHints {
	mimeType?: string;
	fileExtension?: string;
	fileName?: string;
}

/** Non-standard spellings some tools and older browsers still send. */
const ALIASES: Record<string, PrintMimeType> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'image/x-png': 'image/png',
	'image/tif': 'image/tiff',
	'image/x-tiff': 'image/tiff',
	'image/x-ms-bmp': 'image/bmp',
	'image/x-bmp': 'image/bmp',
	'application/x-pdf': 'application/pdf',
};

/** Types that say nothing about the content, so the file name's extension decides instead. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Lower case, without parameters, with the aliases above resolved. */
export function canonicalMimeType(mimeType: string | undefined): string {
	const bare = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	return ALIASES[bare] ?? bare;
}

function byExtension(extension: string | undefined): PrintMimeType | undefined {
	const wanted = (extension ?? '').replace(/^\./, '').toLowerCase();
	if (!wanted) return undefined;
	return PRINT_FILE_TYPES.find((type) => (type.extensions as readonly string[]).includes(wanted))?.value;
}

function extensionOf(fileName: string | undefined): string | undefined {
	return /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1];
}

/**
 * The binary's MIME type in canonical form. When the declared type says nothing (empty or
 * octet-stream), the extension decides among the print types; `undefined` when neither tells.
 */
export function resolveMimeType(binary: BinaryTypeHints): string | undefined {
	const declared = canonicalMimeType(binary.mimeType);
	if (!UNINFORMATIVE.has(declared)) return declared;
	return byExtension(binary.fileExtension) ?? byExtension(extensionOf(binary.fileName));
}
