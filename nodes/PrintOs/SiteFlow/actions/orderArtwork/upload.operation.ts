import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { openArtwork } from '../../artwork/binaryArtwork';
import { uploadArtwork } from '../../artwork/uploadArtwork';
import { setComponentArtwork } from '../../order/setComponentArtwork';
import { orderLocator } from '../../descriptions/locators';
import { unwrapOrder } from '../../order/simplifyOrder';
import { optionalText, requiredText } from '../parameters';
import type { OperationResult } from '../types';

export const binaryPropertyProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file to upload',
};

const showForComponent = { show: { useFor: ['orderComponent'] } };

export const description: INodeProperties[] = [
	binaryPropertyProperty,
	{
		displayName: 'Use For',
		name: 'useFor',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Return the Reference',
				value: 'reference',
				description: "Output the uploaded file's path, to use as a component's artwork in a Submit",
			},
			{
				name: 'Set on an Order Component',
				value: 'orderComponent',
				description: "Also set it as the artwork of a component of an existing order (updates the order)",
			},
		],
		default: 'reference',
	},
	{ ...orderLocator('The order whose component gets the artwork'), displayOptions: showForComponent },
	{
		displayName: 'Source Item ID',
		name: 'sourceItemId',
		type: 'string',
		required: true,
		default: '',
		description: 'The item of the order (its sourceItemId)',
		displayOptions: showForComponent,
	},
	{
		displayName: 'Component Code',
		name: 'componentCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Content',
		description: 'The component of that item whose artwork this file is',
		displayOptions: showForComponent,
	},
	{
		displayName: 'Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: 'application/pdf',
				description: "Overrides the binary's own MIME type",
			},
		],
	},
];

/**
 * Upload URL from Site Flow, then the bytes straight from n8n's binary data to it; the output is the
 * reference a component's `path` takes. With "Set on an Order Component" the order is updated too.
 */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const useFor = this.getNodeParameter('useFor', itemIndex, 'reference') as 'reference' | 'orderComponent';
	const componentTarget =
		useFor === 'orderComponent'
			? {
					orderId: requiredText(this, 'orderId', itemIndex, 'Order'),
					sourceItemId: requiredText(this, 'sourceItemId', itemIndex, 'Source Item ID'),
					componentCode: requiredText(this, 'componentCode', itemIndex, 'Component Code'),
				}
			: undefined;
	const mimeType = optionalText(this, 'uploadOptions.mimeType', itemIndex);
	const artwork = await openArtwork(this, itemIndex, requiredText(this, 'binaryPropertyName', itemIndex, 'Input Binary Field'), mimeType);

	const uploaded = await uploadArtwork(this, client, artwork, itemIndex, 'Order Artwork: Upload');
	if (!componentTarget) return uploaded;

	const order = unwrapOrder(
		await client.request({
			service: 'siteFlow',
			endpoint: SITE_FLOW_ENDPOINTS.orderGet,
			pathParams: { orderId: componentTarget.orderId },
			itemIndex,
			operation: 'Order Artwork: Upload',
		}),
	);
	const updatedOrder = setComponentArtwork(this.getNode(), order, {
		...componentTarget,
		path: String(uploaded.path),
		fetch: uploaded.fetch as boolean,
		itemIndex,
	});
	const answer = await client.request<IDataObject>({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderUpdate,
		pathParams: { orderId: componentTarget.orderId },
		body: updatedOrder,
		itemIndex,
		operation: 'Order Artwork: Upload',
	});
	return { ...uploaded, orderId: componentTarget.orderId, order: unwrapOrder(answer) };
}
