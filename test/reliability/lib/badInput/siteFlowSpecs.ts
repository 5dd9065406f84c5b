/** Bad input for every operation of the Site Flow node. */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { SOURCE_ACCOUNT } from '../world';
import { binaryArb, binaryProblem, itemWithBinary } from './binaries';
import { orderInputArb } from './orders';
import { orderOperation } from './orderOperation';
import { requestOptionsArb } from './requestOptions';
import { byId, listing } from './shapes';
import type { FuzzSpec } from './types';
import { anyValue, authArb, countValue, invalidBecause, isBlank, json, locator } from './values';

export const SITE_FLOW_FUZZ_SPECS: FuzzSpec[] = [
	{
		id: 'siteFlow.account.get',
		node: 'siteFlow',
		arbitrary: fc.record({ auth: authArb, requestOptions: requestOptionsArb }).map(({ auth, requestOptions }) => ({
			auth,
			parameters: { resource: 'account', operation: 'get' },
			items: [{ json: {} }],
			requestOptions,
			mustSend: true,
		})),
	},
	{
		id: 'siteFlow.file.getAll',
		node: 'siteFlow',
		arbitrary: fc.record({ auth: authArb, orderId: anyValue, returnAll: fc.boolean(), limit: countValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: pick.auth,
			parameters: { resource: 'file', operation: 'getAll', orderId: locator('id', '={{ $json.orderId }}'), returnAll: pick.returnAll, limit: '={{ $json.limit }}' },
			items: [{ json: { orderId: pick.orderId, limit: pick.limit } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.orderId) ? 'an empty order ID' : undefined,
		})),
	},
	byId('siteFlow.file.getUploadUrl', 'siteFlow', { resource: 'file', operation: 'getUploadUrl' }, 'mimeType'),
	{
		id: 'siteFlow.order.cancel',
		node: 'siteFlow',
		arbitrary: fc
			.record({ auth: authArb, cancelBy: fc.constantFrom('id', 'source'), orderId: anyValue, sourceAccount: fc.oneof(fc.constant(SOURCE_ACCOUNT), anyValue), sourceOrderId: anyValue, requestOptions: requestOptionsArb })
			.map((pick) => ({
				auth: pick.auth,
				parameters: {
					resource: 'order',
					operation: 'cancel',
					cancelBy: pick.cancelBy,
					orderId: locator('id', '={{ $json.orderId }}'),
					sourceAccount: '={{ $json.sourceAccount }}',
					sourceOrderId: '={{ $json.sourceOrderId }}',
				},
				items: [{ json: { orderId: pick.orderId, sourceAccount: pick.sourceAccount, sourceOrderId: pick.sourceOrderId } as IDataObject }],
				requestOptions: pick.requestOptions,
				invalid:
					pick.cancelBy === 'id'
						? isBlank(pick.orderId)
							? 'an empty order ID'
							: undefined
						: isBlank(pick.sourceAccount) || isBlank(pick.sourceOrderId)
							? 'an empty source account or source order ID'
							: undefined,
			})),
	},
	{
		id: 'siteFlow.order.get',
		node: 'siteFlow',
		arbitrary: fc.record({ auth: authArb, getBy: fc.constantFrom('id', 'sourceOrderId'), value: anyValue, simplify: fc.boolean(), requestOptions: requestOptionsArb }).map((pick) => ({
			auth: pick.auth,
			parameters: {
				resource: 'order',
				operation: 'get',
				getBy: pick.getBy,
				orderId: locator('id'),
				sourceOrderId: '={{ $json.value }}',
				simplify: pick.simplify,
			},
			items: [{ json: json(pick.value) }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.value) ? 'an empty ID' : undefined,
		})),
	},
	listing(
		'siteFlow.order.getAll',
		'siteFlow',
		{ resource: 'order', operation: 'getAll' },
		fc.record({
			filters: fc.record({ status: fc.oneof(fc.constantFrom('dataready', 'printed', 'cancelled'), fc.string({ maxLength: 10 })) }, { requiredKeys: [] }),
			sort: fc.record({ sortBy: fc.oneof(fc.constant('_id'), fc.string({ maxLength: 10 })), direction: fc.constantFrom(1, -1, 0, 5) }, { requiredKeys: [] }),
			simplify: fc.boolean(),
		}),
	),
	orderOperation('siteFlow.order.submit', { resource: 'order', operation: 'submit' }, { submit: true }),
	orderOperation('siteFlow.order.update', { resource: 'order', operation: 'update' }, { orderId: true }),
	orderOperation('siteFlow.order.validate', { resource: 'order', operation: 'validate' }),
	{
		id: 'siteFlow.orderArtwork.upload',
		node: 'siteFlow',
		arbitrary: fc
			.record({
				auth: authArb,
				binary: binaryArb,
				useFor: fc.constantFrom('reference', 'orderJson'),
				order: orderInputArb,
				sourceItemId: anyValue,
				componentCode: fc.oneof(fc.constant('Content'), anyValue),
				mimeType: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => {
				const reasons = [binaryProblem(pick.binary) ?? ''];
				if (pick.useFor === 'orderJson') {
					if (pick.order.invalid === 'not an order object') reasons.push('an order that is not an object');
					if (isBlank(pick.sourceItemId) || isBlank(pick.componentCode)) reasons.push('no component named');
				}
				return {
					auth: pick.auth,
					parameters: {
						resource: 'orderArtwork',
						operation: 'upload',
						binaryPropertyName: '={{ $json.binaryName }}',
						useFor: pick.useFor,
						orderJson: '={{ $json.order }}',
						sourceItemId: '={{ $json.sourceItemId }}',
						componentCode: '={{ $json.componentCode }}',
						uploadOptions: { mimeType: pick.mimeType },
					},
					items: [
						itemWithBinary(pick.binary, {
							order: pick.order.value,
							sourceItemId: pick.sourceItemId,
							componentCode: pick.componentCode,
							binaryName: pick.binary.requested,
						} as IDataObject),
					],
					requestOptions: pick.requestOptions,
					invalid: invalidBecause(reasons),
				};
			}),
	},
	{
		id: 'siteFlow.orderArtwork.uploadOrderFiles',
		node: 'siteFlow',
		arbitrary: fc
			.record({
				auth: authArb,
				orderSource: fc.constantFrom('inputItem', 'orderId'),
				orderId: anyValue,
				names: fc.oneof(fc.constantFrom('', 'data', 'data, cover', ' , ', 'missing'), fc.string({ maxLength: 8 })),
				binary: binaryArb,
				itemJson: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ files: [{ path: 'card.pdf', fetch: false, url: 'http://127.0.0.1:9/_uploads/x?signature=s3cr3t' }] })),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => ({
				auth: pick.auth,
				parameters: {
					resource: 'orderArtwork',
					operation: 'uploadOrderFiles',
					orderSource: pick.orderSource,
					orderId: locator('id', '={{ $json.orderId }}'),
					binaryPropertyNames: pick.names,
				},
				items: [
					itemWithBinary(pick.binary, {
						...(pick.itemJson && typeof pick.itemJson === 'object' && !Array.isArray(pick.itemJson) ? (pick.itemJson as IDataObject) : { value: pick.itemJson as string }),
						orderId: pick.orderId as string,
					}),
				],
				requestOptions: pick.requestOptions,
				invalid: pick.orderSource === 'orderId' && isBlank(pick.orderId) ? 'an empty order ID' : undefined,
			})),
	},
	byId('siteFlow.product.get', 'siteFlow', { resource: 'product', operation: 'get' }, 'productId', { siteFlowLocator: true }),
	listing('siteFlow.product.getAll', 'siteFlow', { resource: 'product', operation: 'getAll' }),
	{
		id: 'siteFlow.shipment.markShipped',
		node: 'siteFlow',
		arbitrary: fc
			.record({
				auth: authArb,
				shipmentId: anyValue,
				fields: fc.record(
					{
						carrierAlias: fc.string({ maxLength: 8 }),
						carrierCode: fc.string({ maxLength: 8 }),
						carrierService: fc.string({ maxLength: 8 }),
						shippedDate: fc.oneof(fc.constantFrom('2026-11-22T10:00:00Z', 'yesterday', '', '2026-02-30', '99999-01-01'), fc.string({ maxLength: 10 })),
						trackingNumber: fc.string({ maxLength: 8 }),
						trackingUrl: fc.string({ maxLength: 12 }),
					},
					{ requiredKeys: [] },
				),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => ({
				auth: pick.auth,
				parameters: { resource: 'shipment', operation: 'markShipped', shipmentId: '={{ $json.value }}', shipmentFields: pick.fields },
				items: [{ json: json(pick.shipmentId) }],
				requestOptions: pick.requestOptions,
				invalid: isBlank(pick.shipmentId) ? 'an empty shipment ID' : pick.fields.shippedDate && Number.isNaN(Date.parse(pick.fields.shippedDate)) ? 'a shipped date that is no date' : undefined,
			})),
	},
	byId('siteFlow.sku.get', 'siteFlow', { resource: 'sku', operation: 'get' }, 'skuId', { siteFlowLocator: true }),
	listing('siteFlow.sku.getAll', 'siteFlow', { resource: 'sku', operation: 'getAll' }),
	listing('siteFlow.stock.getAll', 'siteFlow', { resource: 'stock', operation: 'getAll' }),
];
