/**
 * What Box accepts for upload. The spec shows only `application/pdf` for upload URLs and a JPEG added
 * by URL (docs/printos-api.md#box-facts), and HP names "convert an image file to PDF" (docs/printos-api.md#box-named-only), so Box takes PDFs and images:
 * PDF and the raster formats print workflows and image-to-PDF converters commonly read. WebP, SVG and
 * HEIC are left out as they are not print formats and nothing says Box reads them. Reading a
 * binary's type is shared with Site Flow (`shared/upload/mimeTypes.ts`); refusing the rest is Box's.
 */
import { PRINT_FILE_TYPES, resolveMimeType, type BinaryTypeHints, type PrintMimeType } from '../../shared/upload/mimeTypes';

export const BOX_UPLOAD_MIME_TYPES = PRINT_FILE_TYPES;

export type BoxUploadMimeType = PrintMimeType;

/** The Box MIME type of a binary, or undefined when Box does not take it. */
export function boxUploadMimeType(binary: BinaryTypeHints): BoxUploadMimeType | undefined {
	const type = resolveMimeType(binary);
	return BOX_UPLOAD_MIME_TYPES.find((accepted) => accepted.value === type)?.value;
}

export function describeAcceptedTypes(): string {
	return BOX_UPLOAD_MIME_TYPES.map((type) => type.value).join(', ');
}
