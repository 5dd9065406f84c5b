import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { orderFieldsArb } from './orderFields';
import { orderInputArb } from './orders';
import { requestOptionsArb } from './requestOptions';
import type { FuzzSpec } from './types';
import { anyValue, authArb, invalidBecause, isBlank, locator } from './values';

/**
 * Submit, Update and Validate: an order as JSON (from orders.ts) or as Fields, and for Submit every
 * target; the oracle adds what the target or an Order ID makes invalid.
 */
export function orderOperation(id: string, parameters: IDataObject, options: { orderId?: boolean; submit?: boolean } = {}): FuzzSpec {
	const targets = fc.constantFrom('siteFlowApi', 'orderService', 'routingRule');
	return {
		id,
		node: 'siteFlow',
		arbitrary: fc
			.record({
				auth: authArb,
				mode: fc.constantFrom('json', 'json', 'json', 'fields'),
				order: orderInputArb,
				fields: orderFieldsArb,
				target: targets,
				routingRuleKey: fc.oneof(fc.constant('rel-rule-0001'), fc.constantFrom('', ' ')),
				validateFirst: fc.boolean(),
				orderId: anyValue,
				requestOptions: requestOptionsArb,
			})
			.map(({ auth, mode, order, fields, target, routingRuleKey, validateFirst, orderId, requestOptions }) => {
				const caseParameters: IDataObject = { ...parameters, inputMode: mode };
				const reasons: string[] = [];
				if (mode === 'json') {
					caseParameters.orderJson = '={{ $json.order }}';
					if (order.invalid) reasons.push(`an order ${order.invalid}`);
				} else {
					// required texts through expressions, as n8n refuses a workflow with a literal empty required field
					Object.assign(caseParameters, fields, { destination: '={{ $json.destination }}', sourceOrderId: '={{ $json.sourceOrderId }}' });
				}
				if (options.submit) {
					caseParameters.submitTarget = target;
					caseParameters.submitOptions = { validateFirst };
					if (target === 'routingRule') {
						caseParameters.routingRuleKey = '={{ $json.routingRuleKey }}';
						if (!routingRuleKey.trim()) reasons.push('an empty routing rule key');
					}
					if (target === 'orderService' && auth === 'printOsApi') reasons.push('the order service with the gateway key');
				}
				if (options.orderId) {
					caseParameters.orderId = locator('id', '={{ $json.orderId }}');
					if (isBlank(orderId)) reasons.push('an empty order ID');
				}
				const valid = mode === 'json' && order.valid && !reasons.length && !(options.orderId && typeof orderId !== 'string');
				return {
					auth,
					parameters: caseParameters,
					items: [
						{
							json: {
								order: order.value as IDataObject,
								orderId: orderId as string,
								routingRuleKey,
								destination: fields.destination as string,
								sourceOrderId: fields.sourceOrderId as string,
							},
						},
					],
					requestOptions,
					invalid: invalidBecause(reasons),
					mustSend: valid,
				};
			}),
	};
}
