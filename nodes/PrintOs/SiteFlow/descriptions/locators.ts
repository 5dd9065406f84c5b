/**
 * Resource locators: pick from a list searched in the account, or give the ID.
 */
import type { INodeProperties } from 'n8n-workflow';

function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	idPlaceholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: idPlaceholder,
			},
		],
	};
}

export function orderLocator(description = 'The Site Flow order (its _id)'): INodeProperties {
	return locator('Order', 'orderId', 'searchOrders', 'e.g. 5f2b6c0e9d1a4b0012345678', description);
}

export const skuLocator = locator('SKU', 'skuId', 'searchSkus', 'e.g. 5f2b6c0e9d1a4b0012345678', 'The SKU (its _id)');

export const productLocator = locator(
	'Product',
	'productId',
	'searchProducts',
	'e.g. 5f2b6c0e9d1a4b0012345678',
	'The product (its _id)',
);
