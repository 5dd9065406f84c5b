import type { IExecuteFunctions } from 'n8n-workflow';

import { requestUploadTarget, type UploadTarget } from '../../../shared/upload/presignedUpload';
import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS, BOX_UPLOAD_URL_FIELDS } from '../../endpoints';

/** `GET uploadurls`, insisting on both URLs: without the fetch URL the file cannot be added to a folder. */
export async function requestBoxUploadTarget(
	context: IExecuteFunctions,
	client: PrintOsClient,
	mimeType: string,
	itemIndex: number,
	operation: string,
): Promise<UploadTarget & { uploadUrl: string; reference: string }> {
	const target = await requestUploadTarget(context, client, {
		service: 'box',
		endpoint: BOX_ENDPOINTS.uploadUrls,
		names: { upload: BOX_UPLOAD_URL_FIELDS.upload, reference: BOX_UPLOAD_URL_FIELDS.fetch },
		requiredReference: 'a fetch URL',
		mimeType,
		itemIndex,
		operation,
	});
	return { ...target, reference: target.reference as string };
}
