/**
 * Turns a valid order into the document Site Flow keeps (docs/printos-api.md#order-submit): ids on every item,
 * component, shipment and file, product defaults on components, and the orderData defaults of the
 * sample output. Pure: the caller decides whether the result is stored (submit) or only shown (validate).
 */
import { objectId, stableId } from '../ids';
import { productForItem, type Catalogue } from '../seed';
import type { Account, Json } from '../types';
import { truthy } from './validate';

/** Aliases seen in HP's docs and samples, resolved as a PSP's shipping method table would. */
const CARRIER_ALIASES: Record<string, { code: string; service: string }> = {
	pickup: { code: 'customer', service: 'pickup' },
	FDX_STD_OVN: { code: 'fedex', service: 'standardovernight' },
	FDX_GROUND: { code: 'fedex', service: 'ground' },
	RM_1ST: { code: 'royalmail', service: 'firstclass' },
	UPS_STD: { code: 'ups', service: 'standard' },
};

export interface ExpandContext {
	catalogue: Catalogue;
	source: Account;
	nowMs: number;
	/** The order service picks the id before processing; everyone else lets us make one. */
	id?: string;
}

function fileName(path: unknown): string {
	const text = String(path ?? '');
	try {
		return decodeURIComponent(new URL(text).pathname.split('/').pop() ?? '');
	} catch {
		return text.split('/').pop() ?? '';
	}
}

function numericBarcode(id: string): string {
	return String(parseInt(id.slice(-10), 16)).padStart(12, '0').slice(-12);
}

export function resolveCarrier(carrier: Json): Json {
	const resolved = carrier.alias ? CARRIER_ALIASES[String(carrier.alias)] : undefined;
	const code = String(carrier.code ?? resolved?.code ?? 'alias');
	const service = String(carrier.service ?? resolved?.service ?? carrier.alias);
	return { ...carrier, code, service, serviceId: stableId(`carrier:${code}:${service}`) };
}

function expandComponent(component: Json, product: Json, orderId: string, nowIso: string, files: Json[]): Json {
	const definition: Json =
		(product.components ?? []).find((entry: Json) => String(entry.code).toLowerCase() === String(component.code).toLowerCase()) ?? {};
	const _id = objectId();
	const fileId = objectId();
	const fetch = truthy(component.fetch);
	const localFile = truthy(component.localFile);
	const status = localFile ? 'received' : 'notreceived';
	const fetchUrl = fetch ? component.path : null;
	// HP's sample output (docs/printos-api.md#order-submit, submit_order_output.txt): size and page count are 0 until
	// the artwork arrives, and revision 1 of the file is listed in versions[]
	const versionId = objectId();
	files.push({
		_id: fileId,
		componentId: _id,
		orderId,
		fetch,
		fetchUrl,
		path: component.path ?? null,
		localFile,
		status,
		type: 'artwork',
		preflight: truthy(component.preflight),
		preflightProfile: component.preflightProfile ?? null,
		fileSize: 0,
		pageCount: 0,
		currentRevision: 1,
		currentVersionId: versionId,
		versions: [
			{
				_id: versionId,
				error: { code: 0, message: '' },
				fileSize: 0,
				pageConfigs: [],
				pageCount: 0,
				pages: [],
				paths: { fetchUrl: fetchUrl ?? '', localFilename: fileName(component.path), pageThumbnailPath: '', thumbnailPath: '' },
				preflightReport: [],
				revision: 1,
				status,
				syncComplete: false,
			},
		],
		createdAt: nowIso,
	});
	const width = Number(component.width ?? definition.width ?? 210);
	const height = Number(component.height ?? definition.height ?? 297);
	return {
		barcodes: [],
		batchImpositionId: null,
		colour: definition.colour ?? { side1: '4process', side2: '4process' },
		duplicate: 1,
		errorCheck: false,
		finish: definition.finish ?? { side1: 'none', side2: 'none' },
		infotech: {},
		legacyWorkQueue: null,
		nup: 1,
		paperId: stableId(`paper:${definition.substrate ?? 'default'}`),
		pages: definition.pages ?? 1,
		reprintCount: 0,
		route: [],
		type: definition.type ?? 'press',
		weight: definition.substrateWeight ?? null,
		...component,
		attributes: {
			cut: 'trim',
			finish: 'none',
			folding: product.folding ?? 'none',
			orientation: width >= height ? 'landscape' : 'portrait',
			pageSize: `${width}x${height}mm`,
			substrate: definition.substrate ?? null,
			substrateWeight: definition.substrateWeight ?? null,
			...(component.attributes ?? {}),
		},
		width,
		height,
		fetch,
		localFile,
		_id,
		barcode: numericBarcode(_id),
		fileId,
		status: 'live',
	};
}

function expandItem(item: Json, catalogue: Catalogue, orderId: string, nowIso: string, files: Json[]): Json {
	const product = productForItem(catalogue, item) ?? { components: [] };
	const components = (item.components as Json[]).map((component) => expandComponent(component, product, orderId, nowIso, files));
	const _id = objectId();
	const quantity = Number(item.quantity ?? 1);
	return {
		binding: product.binding ?? null,
		folding: product.folding ?? null,
		printQuantity: quantity,
		productDescription: product.name ?? null,
		totalPages: components.reduce((sum, component) => sum + Number(component.pages ?? 0), 0),
		unitCost: 0,
		unitPrice: 0,
		unitWeight: product.unitWeight ?? 0,
		...item,
		quantity,
		shipmentIndex: Number(item.shipmentIndex ?? 0),
		components,
		_id,
		barcode: numericBarcode(_id),
		status: 'live',
	};
}

/** HP's sample output (docs/printos-api.md#order-submit) lists these on every new shipment, empty until production packs it. */
function expandShipment(shipment: Json, index: number): Json {
	return {
		agentJobs: [],
		attachments: [],
		canShipEarly: true,
		componentIds: [],
		expectedQuantity: 0,
		itemIds: [],
		items: [],
		jobIds: [],
		labelName: 'default',
		labelNotRequired: false,
		manuallyPacked: false,
		packages: [],
		partial: false,
		printJobs: [],
		pspBranding: true,
		returnAddress: null,
		scannedQuantity: 0,
		singleItem: false,
		slaDays: 3,
		stockItems: [],
		trackingRequired: false,
		...shipment,
		carrier: resolveCarrier(shipment.carrier ?? {}),
		shipmentIndex: index,
		_id: objectId(),
		status: 'live',
	};
}

export function expandOrder(input: Json, context: ExpandContext): Json {
	const order = structuredClone(input) as Json;
	const orderData = order.orderData as Json;
	const nowIso = new Date(context.nowMs).toISOString();
	const _id = context.id ?? objectId();
	const destinationName = String(order.destination?.name);
	const destination = context.catalogue.accounts.get(destinationName);
	const files: Json[] = [];
	const items = (orderData.items as Json[]).map((item) => expandItem(item, context.catalogue, _id, nowIso, files));
	const shipments = (orderData.shipments as Json[]).map(expandShipment);
	return {
		...order,
		_id,
		source: { id: context.source._id, name: context.source.name },
		destination: { ...order.destination, id: destination?._id ?? null, name: destinationName },
		orderData: {
			amount: 0,
			attributes: [],
			currency: 'GBP',
			date: nowIso,
			messages: [],
			postbackMethod: 'none',
			printType: 'digital',
			reprint: false,
			reprintCount: 0,
			slaTimestamp: new Date(context.nowMs + 3 * 86_400_000).toISOString(),
			tags: [],
			...orderData,
			sourceOrderId: String(orderData.sourceOrderId),
			stockItems: ((orderData.stockItems as Json[] | undefined) ?? []).map((entry) => ({ ...entry, _id: objectId() })),
			items,
			shipments,
			status: 'dataready',
		},
		files,
		logs: [{ level: 'info', message: 'Order received', resourceId: _id, resourceType: 'order', timestamp: nowIso }],
		createdAt: nowIso,
		updatedAt: nowIso,
		__v: 0,
	};
}
