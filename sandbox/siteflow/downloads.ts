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
		return context.core.downloads.redirect(context.origin, source, fileName, mimeTypeOf(fileName));
	},
} satisfies Record<string, Handler>;
