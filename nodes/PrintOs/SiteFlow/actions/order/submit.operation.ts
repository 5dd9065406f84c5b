import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import type { ItemIdentity } from '../../../transport/items';
import { submissionRequest, submitOrder, type SubmitTarget } from '../../submission/submitOrder';
import { validateOrder } from '../../submission/validateOrder';
import { orderInputProperties } from './orderInput.description';
import { readOrderInput, sourceOrderIdOf } from './readOrderInput';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Submit To',
		name: 'submitTarget',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Site Flow API',
				value: 'siteFlowApi',
				description: 'POST /order: the order is checked and created before the answer',
			},
			{
				name: 'Order Service (Asynchronous)',
				value: 'orderService',
				description:
					'The high-volume order service: answers as soon as the order is stored, before it is checked. Needs the Site Flow Token credential.',
			},
			{
				name: 'Routing Rule',
				value: 'routingRule',
				description: 'POST /order/route/{key}: HP Piazza routes the order to the right PSP',
			},
		],
		default: 'siteFlowApi',
	},
	{
		displayName: 'Routing Rule Key',
		name: 'routingRuleKey',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The token of the routing rule set',
		displayOptions: { show: { submitTarget: ['routingRule'] } },
	},
	...orderInputProperties,
	{
		displayName: 'Options',
		name: 'submitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Validate Before Submit',
				name: 'validateFirst',
				type: 'boolean',
				default: false,
				description:
					'Whether to run Validate first and submit only an order PrintOS accepts. Useful with the order service, which checks orders only after answering.',
			},
		],
	},
];

/**
 * Submits the item's order once. A lost connection is resolved by looking the order up by its
 * sourceOrderId, never by blindly sending it again (see submission/submitOrder.ts); the output's
 * `submission` says what happened. The input item's binary passes through (see transport/items.ts),
 * so Order Artwork > Upload Order Files can follow directly.
 */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const target = this.getNodeParameter('submitTarget', itemIndex) as SubmitTarget;
	const routingRuleKey =
		target === 'routingRule' ? requiredText(this, 'routingRuleKey', itemIndex, 'Routing Rule Key') : undefined;
	const order = readOrderInput(this, itemIndex);
	const input = { order, sourceOrderId: sourceOrderIdOf(order), target, routingRuleKey, itemIndex };
	// A credential that cannot reach the target fails here, before the validation request.
	client.url(submissionRequest(input));
	client.batch.identify(itemIndex, orderIdentity(order, input.sourceOrderId, itemIndex));

	const options = this.getNodeParameter('submitOptions', itemIndex, {}) as { validateFirst?: boolean };
	if (options.validateFirst) await validateOrder(client, this.getNode(), order, itemIndex);

	const { result, submission } = await submitOrder(client, this.getNode(), input);
	return { ...result, submission };
}

/**
 * Two items of one batch with the same sourceOrderId for the same destination would create the same
 * order, whichever target they go to; the later one is refused before anything is sent.
 */
function orderIdentity(order: IDataObject, sourceOrderId: string, itemIndex: number): ItemIdentity {
	const destination = (order.destination as IDataObject | undefined)?.name;
	return {
		key: JSON.stringify([destination ?? '', sourceOrderId]),
		facts: { sourceOrderId },
		duplicateMessage: (first) =>
			`Item ${itemIndex}: same sourceOrderId as item ${first} of this batch ("${sourceOrderId}"${destination ? ` for destination "${String(destination)}"` : ''}): it would create the same order twice`,
	};
}
