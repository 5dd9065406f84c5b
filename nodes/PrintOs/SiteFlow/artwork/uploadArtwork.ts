/**
 * "PDF in n8n" to "file Site Flow can use": asks Site Flow for an upload URL for the file's MIME
 * type (GET /file/getpreupload), PUTs the bytes there unsigned (the shared presigned PUT), and returns
 * the reference a component's `path` takes.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BinarySource } from '../../shared/upload/binarySource';
import { redactPresignedUrl } from '../../shared/upload/presignedPut';
import { putFile, requestUploadTarget } from '../../shared/upload/presignedUpload';
import type { PrintOsClient } from '../../transport/client';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_UPLOAD_URL_FIELDS } from '../endpoints';

export async function uploadArtwork(
	context: IExecuteFunctions,
	client: PrintOsClient,
	artwork: BinarySource,
	itemIndex: number,
	operation: string,
): Promise<IDataObject> {
	const target = await requestUploadTarget(context, client, {
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.fileUploadUrl,
		names: { upload: SITE_FLOW_UPLOAD_URL_FIELDS.upload, reference: SITE_FLOW_UPLOAD_URL_FIELDS.path },
		mimeType: artwork.contentType,
		itemIndex,
		operation,
	});
	const put = await putFile(context, client, target.uploadUrl, artwork, itemIndex, operation);
	// Without a path in the answer, the stored object's own URL (signature removed) is the reference.
	const path = target.reference ?? redactPresignedUrl(target.uploadUrl);
	return {
		path,
		fetch: /^https?:\/\//i.test(path),
		fileName: artwork.binary.fileName,
		mimeType: artwork.contentType,
		bytes: artwork.contentLength,
		binaryProperty: artwork.propertyName,
		uploadAttempts: put.attempts,
	};
}
