/**
 * Reads the order of one input item (Fields or JSON mode) and checks it locally. An invalid order
 * stops here, naming the item and the exact path, before any request goes out.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildOrderFromFields, type OrderFields } from '../../order/buildOrderFromFields';
import { findOrderProblems } from '../../order/findOrderProblems';
import { orderProblemsError } from '../../order/orderProblemsError';
import { parseOrderJson } from '../../order/parseOrderJson';
import type { OrderProblem } from '../../order/orderTypes';

function readFields(context: IExecuteFunctions, itemIndex: number): OrderFields {
	return {
		destination: context.getNodeParameter('destination', itemIndex, '') as string,
		sourceOrderId: context.getNodeParameter('sourceOrderId', itemIndex, '') as string,
		items: context.getNodeParameter('items', itemIndex, {}) as OrderFields['items'],
		shipments: context.getNodeParameter('shipments', itemIndex, {}) as OrderFields['shipments'],
		additionalFields: context.getNodeParameter('additionalFields', itemIndex, {}) as OrderFields['additionalFields'],
	};
}

/** The checked order of this item; throws a NodeOperationError listing every problem otherwise. */
export function readOrderInput(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = context.getNodeParameter('inputMode', itemIndex, 'fields') as 'fields' | 'json';
	let order: IDataObject | undefined;
	let problems: OrderProblem[];
	if (mode === 'json') {
		const parsed = parseOrderJson(context.getNodeParameter('orderJson', itemIndex, ''));
		order = parsed.order;
		problems = parsed.problems;
	} else {
		const built = buildOrderFromFields(readFields(context, itemIndex));
		order = built.order;
		problems = built.problems;
	}
	if (order) problems = [...problems, ...findOrderProblems(order)];
	if (problems.length || !order) throw orderProblemsError(context.getNode(), problems, itemIndex);
	return order;
}

export function sourceOrderIdOf(order: IDataObject): string {
	return String((order.orderData as IDataObject).sourceOrderId);
}
