/**
 * The catalogue resources, product and SKU: each a Get by ID and a paged Get Many, one row each.
 */
import type { INodeProperties } from 'n8n-workflow';

import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';
import type { Endpoint } from '../../../transport/endpoint';
import { productLocator, skuLocator } from '../../descriptions/locators';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { getByIdOperation } from './getByIdOperation';
import { listOperation } from './listOperation';

interface CatalogueResource {
	resource: string;
	/** As in "Product: Get". */
	label: string;
	/** As in "Get a product", "Get many products" and "List the products of the account". */
	one: string;
	many: string;
	plural: string;
	get: Endpoint;
	list: Endpoint;
	locator: INodeProperties;
}

function catalogueResource(row: CatalogueResource) {
	return defineResource(row.resource, 'getAll', {
		get: {
			name: 'Get',
			action: `Get ${row.one}`,
			description: describeOperation(`Get ${row.one}`, row.get),
			operation: getByIdOperation(row.get, row.locator, `${row.label}: Get`),
		},
		getAll: {
			name: 'Get Many',
			action: `Get many ${row.many}`,
			description: describeOperation(`List the ${row.plural} of the account`, row.list),
			operation: listOperation(row.list, `${row.label}: Get Many`),
		},
	});
}

export const product = catalogueResource({
	resource: 'product',
	label: 'Product',
	one: 'a product',
	many: 'products',
	plural: 'products',
	get: SITE_FLOW_ENDPOINTS.productGet,
	list: SITE_FLOW_ENDPOINTS.productList,
	locator: productLocator,
});

export const sku = catalogueResource({
	resource: 'sku',
	label: 'SKU',
	one: 'a SKU',
	many: 'SKU records',
	plural: 'SKUs',
	get: SITE_FLOW_ENDPOINTS.skuGet,
	list: SITE_FLOW_ENDPOINTS.skuList,
	locator: skuLocator,
});
