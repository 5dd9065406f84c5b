/**
 * Reads the answer of GET /file/getpreupload. Its property names are in no captured source
 * (spec §3.3), so the candidates live in the endpoint table (`SITE_FLOW_UPLOAD_URL_FIELDS`).
 */
import type { IDataObject } from 'n8n-workflow';

import { SITE_FLOW_UPLOAD_URL_FIELDS } from '../endpoints';

export interface UploadTarget {
	/** Where to PUT the bytes (presigned). */
	uploadUrl: string;
	/** What a component's `path` should say to use the uploaded file. */
	path?: string;
	/** The whole answer, which may hold more than these two. */
	raw: IDataObject;
}

function firstString(object: IDataObject, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = object[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

export function readUploadTarget(body: unknown): UploadTarget | undefined {
	const outer = (body ?? {}) as IDataObject;
	const object =
		outer.data && typeof outer.data === 'object' && !Array.isArray(outer.data) ? (outer.data as IDataObject) : outer;
	const uploadUrl = firstString(object, SITE_FLOW_UPLOAD_URL_FIELDS.upload);
	if (!uploadUrl) return undefined;
	return { uploadUrl, path: firstString(object, SITE_FLOW_UPLOAD_URL_FIELDS.path), raw: object };
}
