import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeBinary, openBinarySource } from '../../../shared/upload/binarySource';
import type { PrintOsClient } from '../../../transport/client';
import { artworkMimeType } from '../../artwork/artworkMimeType';
import { uploadArtwork } from '../../artwork/uploadArtwork';
import { orderProblemsError } from '../../order/orderProblemsError';
import { parseOrderJson } from '../../order/parseOrderJson';
import { locateComponent, withComponentArtwork } from '../../order/setComponentArtwork';
import { optionalText, requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const binaryPropertyProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file to upload',
};

const showForOrder = { show: { useFor: ['orderJson'] } };

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
				description: "Output the uploaded file's path, to map into a component's Artwork Path or URL in Submit",
			},
			{
				name: 'Set in an Order (JSON)',
				value: 'orderJson',
				description: "Also output the given order with this file as a component's artwork, ready for Submit in JSON mode",
			},
		],
		default: 'reference',
	},
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		required: true,
		default: '',
		placeholder: '={{ $json.order }}',
		description: 'The order (destination and orderData) whose component gets the artwork',
		displayOptions: showForOrder,
	},
	{
		displayName: 'Source Item ID',
		name: 'sourceItemId',
		type: 'string',
		required: true,
		default: '',
		description: 'The item of the order (its sourceItemId)',
		displayOptions: showForOrder,
	},
	{
		displayName: 'Component Code',
		name: 'componentCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Content',
		description: 'The component of that item whose artwork this file is',
		displayOptions: showForOrder,
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

/** The order to patch and where its component is; checked before anything is uploaded. */
function readOrderTarget(context: IExecuteFunctions, itemIndex: number) {
	const parsed = parseOrderJson(context.getNodeParameter('orderJson', itemIndex, ''));
	if (!parsed.order) throw orderProblemsError(context.getNode(), parsed.problems, itemIndex);
	const ref = {
		sourceItemId: requiredText(context, 'sourceItemId', itemIndex, 'Source Item ID'),
		componentCode: requiredText(context, 'componentCode', itemIndex, 'Component Code'),
		itemIndex,
	};
	return { order: parsed.order, at: locateComponent(context.getNode(), parsed.order, ref) };
}

/**
 * Upload URL from Site Flow, then the bytes straight from n8n's binary data to it; the output is the
 * reference a component's `path` takes (with `fetch`), and optionally the order with it set.
 */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const useFor = this.getNodeParameter('useFor', itemIndex, 'reference') as 'reference' | 'orderJson';
	const target = useFor === 'orderJson' ? readOrderTarget(this, itemIndex) : undefined;
	const mimeType = optionalText(this, 'uploadOptions.mimeType', itemIndex);
	const binaryProperty = requiredText(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
	const binary = describeBinary(this, itemIndex, binaryProperty);
	const artwork = await openBinarySource(this, itemIndex, binaryProperty, artworkMimeType(binary, mimeType));

	const uploaded = await uploadArtwork(this, client, artwork, itemIndex, 'Order Artwork: Upload');
	if (!target) return uploaded;
	const order = withComponentArtwork(target.order, target.at, {
		path: String(uploaded.path),
		fetch: uploaded.fetch === true,
	});
	return { ...uploaded, order };
}
