/** Site Flow catalogue, account and file endpoints (docs/printos-api.md#site-flow). */
import { SITE_FLOW_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/SiteFlow/endpoints';
import type { ApiContext, Handler } from '../context';
import { HttpError } from '../http';
import { paginate } from '../orders/list';
import type { Json } from '../types';
import { visibleOrder } from './orders';

function byIdOrCode(list: Json[], key: string, what: string): Json {
	const found = list.find((entry) => entry._id === key || entry.code === key);
	if (!found) throw new HttpError(404, `${what} not found`);
	return found;
}

export function orderFile(context: ApiContext): Json {
	const order = context.core.store.orderByFile(context.params.fileId);
	const account = context.account.name;
	if (!order || (order.source?.name !== account && order.destination?.name !== account)) throw new HttpError(404, 'File not found');
	return (order.files as Json[]).find((file) => file._id === context.params.fileId) as Json;
}

export const catalogueHandlers = {
	productList: (context) => ({ status: 200, body: paginate(context.core.catalogue.products, context.query) }),
	productGet: (context) => ({ status: 200, body: byIdOrCode(context.core.catalogue.products, context.params.productId, 'Product') }),
	skuList: (context) => ({ status: 200, body: paginate(context.core.catalogue.skus, context.query) }),
	skuGet: (context) => ({ status: 200, body: byIdOrCode(context.core.catalogue.skus, context.params.skuId, 'SKU') }),
	stockList: (context) => ({ status: 200, body: paginate(context.core.catalogue.stock, context.query) }),
	accountGet: (context) => ({ status: 200, body: { ...context.account, success: true } }),
	fileUploadUrl: (context) => {
		const upload = context.core.uploads.create('siteflow', context.query.get('mimeType') ?? '', context.origin);
		return {
			status: 200,
			body: {
				[SITE_FLOW_UPLOAD_URL_FIELDS.upload[0]]: upload.uploadUrl,
				[SITE_FLOW_UPLOAD_URL_FIELDS.path[0]]: upload.fetchUrl,
			},
		};
	},
	fileListForOrder: (context) => ({
		status: 200,
		body: visibleOrder(context, context.core.store.order(context.params.orderId)).files,
	}),
	fileGet: (context) => ({ status: 200, body: orderFile(context) }),
} satisfies Record<string, Handler>;
