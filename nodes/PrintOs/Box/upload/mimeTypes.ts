/**
 * What Box accepts for upload. The spec shows only `application/pdf` for upload URLs and a JPEG added
 * by URL (§2.1), and HP names "convert an image file to PDF" (§2.2), so Box takes PDFs and images.
 * We accept PDF and the raster formats print workflows and image-to-PDF converters commonly read;
 * WebP, SVG and HEIC are left out as they are not print formats and nothing says Box reads them.
 */
export const BOX_UPLOAD_MIME_TYPES = [
	{ name: 'PDF', value: 'application/pdf', extensions: ['pdf'] },
	{ name: 'JPEG Image', value: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'] },
	{ name: 'PNG Image', value: 'image/png', extensions: ['png'] },
	{ name: 'TIFF Image', value: 'image/tiff', extensions: ['tif', 'tiff'] },
	{ name: 'GIF Image', value: 'image/gif', extensions: ['gif'] },
	{ name: 'BMP Image', value: 'image/bmp', extensions: ['bmp'] },
] as const;

export type BoxUploadMimeType = (typeof BOX_UPLOAD_MIME_TYPES)[number]['value'];

/** Non-standard spellings some tools and older browsers still send. */
const ALIASES: Record<string, BoxUploadMimeType> = {
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

function canonical(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

function byExtension(extension: string | undefined): BoxUploadMimeType | undefined {
	const wanted = (extension ?? '').replace(/^\./, '').toLowerCase();
	if (!wanted) return undefined;
	return BOX_UPLOAD_MIME_TYPES.find((type) => (type.extensions as readonly string[]).includes(wanted))?.value;
}

function extensionOf(fileName: string | undefined): string | undefined {
	const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
	return match?.[1];
}

/** The Box MIME type of a binary, or undefined when Box does not take it. */
export function boxUploadMimeType(binary: {
	mimeType?: string;
	fileExtension?: string;
	fileName?: string;
}): BoxUploadMimeType | undefined {
	const declared = canonical(binary.mimeType ?? '');
	if (UNINFORMATIVE.has(declared)) {
		return byExtension(binary.fileExtension) ?? byExtension(extensionOf(binary.fileName));
	}
	const known = BOX_UPLOAD_MIME_TYPES.find((type) => type.value === declared)?.value;
	return known ?? ALIASES[declared];
}

export function describeAcceptedTypes(): string {
	return BOX_UPLOAD_MIME_TYPES.map((type) => type.value).join(', ');
}
