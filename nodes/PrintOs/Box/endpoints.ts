/**
 * PrintOS Box (docs/printos-api.md#box), relative to the Box base `<gateway>/box`. Scheme A signs these paths as they
 * are here. Only folder create/get, file add/get, upload URLs, substrates and flows are published by HP;
 * the rest are capabilities HP names (docs/printos-api.md#box-named-only) at paths inferred from the confirmed `/api/partner/...`
 * convention. Correct a path here and both the node and the sandbox follow.
 */
import type { Endpoint, RepeatRefusal } from '../transport/endpoint';

/** A delete repeated after its answer was lost finds nothing to delete: the object is gone, as asked. */
const GONE: RepeatRefusal = { status: 404 };

export const BOX_ENDPOINTS = {
	folderCreate: { method: 'POST', path: '/api/partner/folder', confidence: 'DOC' },
	folderGet: { method: 'GET', path: '/api/partner/folder/{folderId}', confidence: 'DOC' },
	folderDelete: {
		method: 'DELETE',
		path: '/api/partner/folder/{folderId}',
		confidence: 'INFER',
		repeatRefusal: GONE,
	},
	fileAddByUrl: { method: 'POST', path: '/api/partner/file', confidence: 'SAMPLE' },
	uploadUrls: { method: 'GET', path: '/api/partner/file/uploadurls', confidence: 'SAMPLE' },
	fileGet: { method: 'GET', path: '/api/partner/file/{fileId}', confidence: 'SAMPLE' },
	// HP publishes no Box download path.
	fileDownload: {
		method: 'GET',
		path: '/api/partner/file/{fileId}/download',
		confidence: 'INFER',
	},
	// HP publishes no Box download path.
	fileVersionDownload: {
		method: 'GET',
		path: '/api/partner/file/{fileId}/version/{versionId}/download',
		confidence: 'INFER',
	},
	fileUpdate: {
		method: 'PUT',
		path: '/api/partner/file/{fileId}',
		confidence: 'INFER',
	},
	fileDelete: {
		method: 'DELETE',
		path: '/api/partner/file/{fileId}',
		confidence: 'INFER',
		repeatRefusal: GONE,
	},
	filePreflight: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/preflight',
		confidence: 'INFER',
	},
	fileConvertToPdf: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/convert',
		confidence: 'INFER',
	},
	fileRevertToOriginal: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/revert',
		confidence: 'INFER',
	},
	fileRevertToVersion: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/version/{versionId}/revert',
		confidence: 'INFER',
	},
	fileSendToDevice: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/send',
		confidence: 'INFER',
	},
	contactList: { method: 'GET', path: '/api/partner/contact', confidence: 'INFER' },
	contactCreate: {
		method: 'POST',
		path: '/api/partner/contact',
		confidence: 'INFER',
	},
	contactDelete: {
		method: 'DELETE',
		path: '/api/partner/contact/{contactId}',
		confidence: 'INFER',
		repeatRefusal: GONE,
	},
	dashboardGet: {
		method: 'GET',
		path: '/api/partner/dashboard',
		confidence: 'INFER',
	},
	substrateList: { method: 'GET', path: '/api/partner/substrate', confidence: 'SAMPLE' },
	flowList: { method: 'GET', path: '/api/partner/flow', confidence: 'SAMPLE' },
} as const satisfies Record<string, Endpoint>;

export type BoxEndpointName = keyof typeof BOX_ENDPOINTS;

/**
 * Property names of the `uploadurls` response are not in any captured source (docs/printos-api.md#q-upload-url-fields). The node
 * reads the first of these that is present; the sandbox answers with the first of each.
 */
export const BOX_UPLOAD_URL_FIELDS = {
	upload: ['uploadUrl', 'uploadURL', 'upload_url', 'putUrl', 'url'],
	fetch: ['fetchUrl', 'fetchURL', 'fetch_url', 'getUrl', 'downloadUrl'],
} as const;
