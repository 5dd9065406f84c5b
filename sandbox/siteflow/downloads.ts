/**
 * Site Flow `GET /file/download/{fileId}` (docs/printos-api.md#order-artwork): a redirect to a presigned-style URL for
 * the file's bytes (see `sandbox/downloads.ts`), once Site Flow has the file.
 */
import type { Handler } from '../context';
import { fileNameOf, mimeTypeOf } from '../downloads';
import { HttpError } from '../http';
import { orderFile } from './catalogue';

export const fileDownloadHandlers = {
	fileDownload: (context) => {
		const file = orderFile(context);
		const fileName = fileNameOf(file.path ?? file.fetchUrl, `${file._id}.pdf`);
		if (file.status !== 'received') throw new HttpError(404, `File ${fileName} has not been received yet (status ${file.status})`);
		const source = context.core.downloads.sourceOf(file.fetchUrl ?? file.path, file.uploadId);
		// Like a storage service, it answers with the type the bytes were stored with, when it knows one
		const stored = source.kind === 'upload' ? context.core.store.uploads.get(source.uploadId)?.mimeType : undefined;
		const mimeType = stored && stored !== 'application/octet-stream' ? stored : mimeTypeOf(fileName);
		return context.core.downloads.redirect(context.origin, source, fileName, mimeType);
	},
} satisfies Record<string, Handler>;
