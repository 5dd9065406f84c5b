/**
 * The upload and fetch URLs of a Box `uploadurls` answer. Their property names are unconfirmed
 * (spec §2.1), so the candidates live in the endpoint table and the first present one wins.
 */
import type { IDataObject } from 'n8n-workflow';

import { BOX_UPLOAD_URL_FIELDS } from '../endpoints';

export interface UploadTarget {
	uploadUrl: string;
	fetchUrl: string;
}

function firstUrl(body: IDataObject, names: readonly string[]): string | undefined {
	for (const name of names) {
		const value = body[name];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}

/** Undefined fields mean PrintOS answered without them. */
export function readUploadTarget(body: unknown): Partial<UploadTarget> {
	const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	return {
		uploadUrl: firstUrl(object, BOX_UPLOAD_URL_FIELDS.upload),
		fetchUrl: firstUrl(object, BOX_UPLOAD_URL_FIELDS.fetch),
	};
}

export function describeExpectedFields(): string {
	return `upload URL as one of ${BOX_UPLOAD_URL_FIELDS.upload.join(', ')}; fetch URL as one of ${BOX_UPLOAD_URL_FIELDS.fetch.join(', ')}`;
}
