import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listItems } from '../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../endpoints';
import { clientForLoadOptions } from './loadOptionsClient';

/** Enough for any account's SKU dropdown; beyond it the user types the code as an expression. */
const MAX_SKUS_IN_LIST = 1000;

/** SKU codes for order items: the value is the code, which is what `items[].sku` takes. */
export async function getSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await clientForLoadOptions(this);
	const skus = await listItems(
		client,
		{ service: 'siteFlow', endpoint: SITE_FLOW_ENDPOINTS.skuList, operation: 'SKU: Get Many' },
		{ limit: MAX_SKUS_IN_LIST, paging: SITE_FLOW_PAGING },
	);
	return skus
		.filter((sku: IDataObject) => typeof sku.code === 'string' && sku.code !== '')
		.map((sku: IDataObject) => ({
			name: sku.description || sku.name ? `${String(sku.code)} (${String(sku.description ?? sku.name)})` : String(sku.code),
			value: String(sku.code),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
