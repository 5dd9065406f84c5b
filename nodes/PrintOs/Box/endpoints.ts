/**
 * PrintOS Box (spec §2), relative to the Box base `<gateway>/box`. Scheme A signs these paths as they
 * are here. Only folder create/get, file add/get, upload URLs, substrates and flows are published by HP;
 * the rest are capabilities HP names (S19) at paths inferred from the confirmed `/api/partner/...`
 * convention. Correct a path here and both the node and the sandbox follow.
 */
import type { Endpoint, RepeatRefusal } from '../transport/endpoint';

const NAMED_ONLY = 'HP names this Box capability (S19) without a published path';

/** A delete repeated after its answer was lost finds nothing to delete: the object is gone, as asked. */
const GONE: RepeatRefusal = { status: 404 };

export const BOX_ENDPOINTS = {
	folderCreate: { method: 'POST', path: '/api/partner/folder', confidence: 'DOC' },
	folderGet: { method: 'GET', path: '/api/partner/folder/{folderId}', confidence: 'DOC' },
	folderDelete: {
		method: 'DELETE',
		path: '/api/partner/folder/{folderId}',
		confidence: 'INFER',
		note: NAMED_ONLY,
		repeatRefusal: GONE,
	},
	fileAddByUrl: { method: 'POST', path: '/api/partner/file', confidence: 'SAMPLE' },
	uploadUrls: { method: 'GET', path: '/api/partner/file/uploadurls', confidence: 'SAMPLE' },
	fileGet: { method: 'GET', path: '/api/partner/file/{fileId}', confidence: 'SAMPLE' },
	fileDownload: {
		method: 'GET',
		path: '/api/partner/file/{fileId}/download',
		confidence: 'INFER',
		note: 'HP publishes no Box download path',
	},
	fileVersionDownload: {
		method: 'GET',
		path: '/api/partner/file/{fileId}/version/{versionId}/download',
		confidence: 'INFER',
		note: 'HP publishes no Box download path',
	},
	fileUpdate: {
		method: 'PUT',
		path: '/api/partner/file/{fileId}',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	fileDelete: {
		method: 'DELETE',
		path: '/api/partner/file/{fileId}',
		confidence: 'INFER',
		note: NAMED_ONLY,
		repeatRefusal: GONE,
	},
	filePreflight: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/preflight',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	fileConvertToPdf: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/convert',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	fileRevertToOriginal: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/revert',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	fileRevertToVersion: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/version/{versionId}/revert',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	fileSendToDevice: {
		method: 'POST',
		path: '/api/partner/file/{fileId}/send',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	contactList: { method: 'GET', path: '/api/partner/contact', confidence: 'INFER', note: NAMED_ONLY },
	contactCreate: {
		method: 'POST',
		path: '/api/partner/contact',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	contactDelete: {
		method: 'DELETE',
		path: '/api/partner/contact/{contactId}',
		confidence: 'INFER',
		note: NAMED_ONLY,
		repeatRefusal: GONE,
	},
	dashboardGet: {
		method: 'GET',
		path: '/api/partner/dashboard',
		confidence: 'INFER',
		note: NAMED_ONLY,
	},
	substrateList: { method: 'GET', path: '/api/partner/substrate', confidence: 'SAMPLE' },
	flowList: { method: 'GET', path: '/api/partner/flow', confidence: 'SAMPLE' },
} as const satisfies Record<string, Endpoint>;

export type BoxEndpointName = keyof typeof BOX_ENDPOINTS;

/**
 * Property names of the `uploadurls` response are not in any captured source (spec §2.1). The node
 * reads the first of these that is present; the sandbox answers with the first of each.
 */
export const BOX_UPLOAD_URL_FIELDS = {
	upload: ['uploadUrl', 'uploadURL', 'upload_url', 'putUrl', 'url'],
	fetch: ['fetchUrl', 'fetchURL', 'fetch_url', 'getUrl', 'downloadUrl'],
} as const;
