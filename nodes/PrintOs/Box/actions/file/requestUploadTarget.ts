import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { describeExpectedFields, readUploadTarget, type UploadTarget } from '../../upload/uploadTarget';

/** `GET uploadurls`, insisting on both URLs: without them nothing can be uploaded or added. */
export async function requestUploadTarget(
	this: IExecuteFunctions,
	client: PrintOsClient,
	mimeType: string,
	itemIndex: number,
	operation: string,
): Promise<UploadTarget & { response: IDataObject }> {
	const body = await client.request({
		service: 'box',
		endpoint: BOX_ENDPOINTS.uploadUrls,
		qs: { mimeType },
		itemIndex,
		operation,
	});
	const { uploadUrl, fetchUrl } = readUploadTarget(body);
	if (!uploadUrl || !fetchUrl) {
		throw new NodeOperationError(
			this.getNode(),
			`PrintOS answered the upload URL request without ${uploadUrl ? 'a fetch URL' : 'an upload URL'} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Expected the ${describeExpectedFields()}; got the fields ${Object.keys((body as object) ?? {}).join(', ') || 'none'}. Add the real name to BOX_UPLOAD_URL_FIELDS.`,
			},
		);
	}
	return { uploadUrl, fetchUrl, response: body as IDataObject };
}
