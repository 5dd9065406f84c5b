/**
 * Box downloads at the inferred paths of BOX_ENDPOINTS: the current version, or a chosen one, as a
 * redirect to a presigned-style URL (see `sandbox/downloads.ts`). The original revision holds the
 * bytes the file was added from; later revisions (a conversion, say) hold bytes the sandbox makes up.
 */
import type { ApiContext, Handler } from '../context';
import { fileNameOf, mimeTypeOf, type DownloadSource } from '../downloads';
import { HttpError } from '../http';
import type { Json } from '../types';
import { fileOf } from './model';

const MADE_UP_VERSION_BYTES = 4096;

function versionSource(context: ApiContext, file: Json, version: Json): DownloadSource {
	if (version.sourceUrl) return context.core.downloads.sourceOf(version.sourceUrl, version.uploadId);
	// an added file's original and its preflight profile (revision 2, see ./model.ts) are the same bytes
	if (Number(version.revision) <= 2) return context.core.downloads.sourceOf(file.sourceUrl, file.uploadId);
	return { kind: 'generated', size: Number(version.size) || MADE_UP_VERSION_BYTES, seed: `${file._id}/${version._id}` };
}

function download(context: ApiContext, versionId: string): ReturnType<Handler> {
	const file = fileOf(context, context.params.fileId);
	const version = (file.versions as Json[]).find((entry) => entry._id === versionId);
	if (!version) throw new HttpError(404, 'Version not found');
	const fileName = String(version.name ?? file.name ?? fileNameOf(file.sourceUrl));
	const mimeType = String(version.mimeType ?? mimeTypeOf(fileName));
	return context.core.downloads.redirect(context.origin, versionSource(context, file, version), fileName, mimeType);
}

export const boxDownloadHandlers = {
	fileDownload: (context) => download(context, fileOf(context, context.params.fileId).currentVersionId),
	fileVersionDownload: (context) => download(context, context.params.versionId),
} satisfies Record<string, Handler>;
