import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listItems } from '../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../endpoints';
import { clientForLoadOptions } from './loadOptionsClient';
import { MAX_SKUS_IN_LIST } from './searchBudget';

/**
 * SKU codes for order items: the value is the code, which is what `items[].sku` takes. n8n filters a
 * dropdown in the browser, so the list is read whole up to `MAX_SKUS_IN_LIST`, and says so when
 * there are more.
 */
export async function getSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await clientForLoadOptions(this);
	const skus = await listItems(
		client,
		{ service: 'siteFlow', endpoint: SITE_FLOW_ENDPOINTS.skuList, operation: 'SKU: Get Many' },
		// one more than shown tells whether the list goes on
		{ limit: MAX_SKUS_IN_LIST + 1, paging: SITE_FLOW_PAGING },
	);
	const options = skus
		.slice(0, MAX_SKUS_IN_LIST)
		.filter((sku: IDataObject) => typeof sku.code === 'string' && sku.code !== '')
		.map((sku: IDataObject) => ({
			name: sku.description || sku.name ? `${String(sku.code)} (${String(sku.description ?? sku.name)})` : String(sku.code),
			value: String(sku.code),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	if (skus.length <= MAX_SKUS_IN_LIST) return options;
	return [
		...options,
		{
			name: `Only the first ${MAX_SKUS_IN_LIST.toLocaleString('en-US')} SKUs are listed`,
			value: '',
			description: 'For another SKU, set the field to an expression holding its code',
		},
	];
}
