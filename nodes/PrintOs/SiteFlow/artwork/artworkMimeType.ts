/**
 * The MIME type an artwork upload is requested and PUT with. Site Flow names no list of accepted
 * types (docs/printos-api.md#order-artwork shows `application/pdf`), so unlike Box nothing is refused here: the user's
 * override wins, then the binary's own type as the shared reader resolves it (aliases, parameters,
 * the file extension when the binary says only octet-stream), then what the binary declared, and a
 * binary declaring nothing at all is taken for a PDF.
 */
import type { BinaryTypeHints } from '../../shared/upload/mimeTypes';
import { resolveMimeType } from '../../shared/upload/mimeTypes';

export function artworkMimeType(binary: BinaryTypeHints, override = ''): string {
	return override.trim() || resolveMimeType(binary) || binary.mimeType?.trim() || 'application/pdf';
}
