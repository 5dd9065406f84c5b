/**
 * "PDF in n8n" to "file Site Flow can use": asks Site Flow for an upload URL for the file's MIME
 * type (GET /file/getpreupload), PUTs the bytes there unsigned (the shared presigned PUT), and returns
 * the reference a component's `path` takes.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinarySource } from '../../shared/upload/binarySource';
import { putToPresignedUrl, redactPresignedUrl } from '../../shared/upload/presignedPut';
import type { PrintOsClient } from '../../transport/client';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_UPLOAD_URL_FIELDS } from '../endpoints';
import { readUploadTarget } from './uploadTarget';

export async function uploadArtwork(
	context: IExecuteFunctions,
	client: PrintOsClient,
	artwork: BinarySource,
	itemIndex: number,
	operation: string,
): Promise<IDataObject> {
	const answer = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.fileUploadUrl,
		qs: { mimeType: artwork.contentType },
		itemIndex,
		operation,
	});
	const target = readUploadTarget(answer);
	if (!target) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Site Flow gave no upload URL`, {
			itemIndex,
			description: `GET /file/getpreupload answered without any of ${SITE_FLOW_UPLOAD_URL_FIELDS.upload.join(', ')}; its fields were: ${Object.keys((answer ?? {}) as IDataObject).join(', ') || 'none'}`,
		});
	}
	const put = await putToPresignedUrl(context, target.uploadUrl, artwork, {
		timeoutMs: client.settings.timeoutMs,
		retry: client.settings.retry,
		itemIndex,
		operation,
	});
	// Without a path in the answer, the stored object's own URL (signature removed) is the reference.
	const path = target.path ?? redactPresignedUrl(target.uploadUrl);
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
