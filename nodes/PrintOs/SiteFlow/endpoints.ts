/**
 * Site Flow (docs/printos-api.md#site-flow), relative to the API base that ends in `/api` (native: pro-api; gateway:
 * `<gateway>/siteflow/api`). `ORDER_SERVICE_ENDPOINTS` are relative to the order service base.
 * Correct a path here and both the node and the sandbox follow.
 */
import type { Endpoint, RepeatRefusal } from '../transport/endpoint';

/**
 * How Site Flow refuses a repeated cancel or shipment. The C# sample says a 400 can mean "already
 * cancelled" (docs/printos-api.md#repeat-refusal); the exact wording is not published, so these patterns are [INFER].
 */
const ALREADY_CANCELLED: RepeatRefusal = { status: 400, message: /already\s+cancell?ed/i };
const ALREADY_SHIPPED: RepeatRefusal = { status: 400, message: /already\s+(been\s+)?shipped/i };

export const SITE_FLOW_ENDPOINTS = {
	orderValidate: { method: 'POST', path: '/order/validate', confidence: 'DOC' },
	orderSubmit: { method: 'POST', path: '/order', confidence: 'DOC' },
	orderSubmitByRoutingRule: {
		method: 'POST',
		path: '/order/route/{routingRuleKey}',
		confidence: 'SAMPLE',
	},
	orderList: { method: 'GET', path: '/order', confidence: 'DOC' },
	orderGetBySourceId: {
		method: 'GET',
		path: '/order/bysourceid/{sourceOrderId}',
		confidence: 'SAMPLE',
	},
	// Order details with shipments are known only from a third-party integration.
	orderDetails: {
		method: 'GET',
		path: '/order/details/{orderId}',
		confidence: '3P',
	},
	orderGet: { method: 'GET', path: '/order/{orderId}', confidence: 'DOC' },
	orderCancelBySource: {
		method: 'PUT',
		path: '/order/{sourceAccount}/{sourceOrderId}/cancel',
		confidence: 'DOC',
		repeatRefusal: ALREADY_CANCELLED,
	},
	orderCancel: {
		method: 'PUT',
		path: '/order/{orderId}/cancel',
		confidence: 'SAMPLE',
		repeatRefusal: ALREADY_CANCELLED,
	},
	orderUpdate: { method: 'PUT', path: '/order/{orderId}', confidence: 'SAMPLE' },
	fileUploadUrl: { method: 'GET', path: '/file/getpreupload', confidence: 'DOC' },
	// The PHP SDK uses /files/order/{id}; a third party uses /file/order/{id}.
	fileListForOrder: {
		method: 'GET',
		path: '/files/order/{orderId}',
		confidence: 'SAMPLE',
	},
	// Known only from third-party integrations.
	fileGet: {
		method: 'GET',
		path: '/file/{fileId}',
		confidence: '3P',
	},
	// Known only from third-party integrations.
	fileDownload: {
		method: 'GET',
		path: '/file/download/{fileId}',
		confidence: '3P',
	},
	productList: { method: 'GET', path: '/product', confidence: 'DOC' },
	// Known only from third-party integrations.
	productGet: {
		method: 'GET',
		path: '/product/{productId}',
		confidence: '3P',
	},
	skuList: { method: 'GET', path: '/sku', confidence: 'DOC' },
	// Known only from third-party integrations.
	skuGet: {
		method: 'GET',
		path: '/sku/{skuId}',
		confidence: '3P',
	},
	stockList: { method: 'GET', path: '/stock', confidence: 'SAMPLE' },
	shipmentMarkShipped: {
		method: 'PUT',
		path: '/shipment/shipped/{shipmentId}',
		confidence: 'SAMPLE',
		repeatRefusal: ALREADY_SHIPPED,
	},
	accountGet: { method: 'GET', path: '/account', confidence: 'SAMPLE' },
} as const satisfies Record<string, Endpoint>;

export const ORDER_SERVICE_ENDPOINTS = {
	orderSubmit: { method: 'POST', path: '/order', confidence: 'DOC' },
} as const satisfies Record<string, Endpoint>;

export type SiteFlowEndpointName = keyof typeof SITE_FLOW_ENDPOINTS;

/** Property names of the `getpreupload` response are not in any captured source (docs/printos-api.md#q-upload-url-fields). */
export const SITE_FLOW_UPLOAD_URL_FIELDS = {
	upload: ['url', 'uploadUrl', 'putUrl'],
	path: ['path', 'fileName', 'fetchUrl'],
} as const;

/** Site Flow pages lists with these parameters and answers `{data, count, page, pages}` (docs/printos-api.md#paging). */
export const SITE_FLOW_PAGING = {
	pageParameter: 'page',
	pageSizeParameter: 'pagesize',
	firstPage: 1,
	/** The largest page the node asks for; the sandbox enforces the same ceiling. Unconfirmed upstream. */
	maxPageSize: 100,
} as const;
