/**
 * Bad input for every operation, as fast-check arbitraries, and the verdict on one run.
 *
 * Each generated case carries an oracle written from the spec (§3.5 for orders) and the parameter
 * descriptions, not from the node's own checks:
 * - `invalid`: the input cannot be valid (an empty ID, a broken order, a missing binary…). The node
 *   must refuse it with a NodeOperationError and send nothing: the sandbox's request log stays empty.
 * - `mustSend`: the input is valid; the node must not refuse it locally.
 * - neither: anything goes, as long as the run ends in success, a NodeApiError or a
 *   NodeOperationError with a useful message.
 * Always: no JavaScript runtime error leaks out, the run ends (no hang), requests stay on their
 * API paths, and the node's own claim "Nothing was sent" is true.
 *
 * Values reach the node through expressions (`={{ $json.value }}`), as they do from a previous
 * node, so they can be of any JSON type.
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { isNodeError, unclearReason, wrapsForeignError } from './clarity';
import { DESTINATION, SOURCE_ACCOUNT, type Auth, type NodeName, type NodeRun, type World } from './world';
import { validOrder } from './operations';

export interface FuzzCase {
	auth: Auth;
	parameters: IDataObject;
	items: INodeExecutionData[];
	requestOptions: IDataObject;
	/** Why the input cannot be valid. */
	invalid?: string;
	/** The input is valid: a local refusal is a bug. */
	mustSend?: boolean;
}

export interface FuzzSpec {
	/** The operation, e.g. `box.file.get`. */
	id: string;
	node: NodeName;
	arbitrary: fc.Arbitrary<FuzzCase>;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const json = (value: unknown): IDataObject => ({ value: value as IDataObject[keyof IDataObject] });

/** Anything a previous node might hand over as an ID. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u00a0') },
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'../../_sandbox/reset',
			'..',
			'.',
			'%2e%2e%2f',
			'a/b/c',
			'?page=1',
			'#x',
			'%',
			'\u0000',
			'ünïcödé 名前',
			'5a1f0c2e9b1d4a0012c3d4e5',
			'x'.repeat(3000),
			'<script>alert(1)</script>',
			'${process.exit()}',
			'{{ $env.SECRET }}',
		),
	},
	{ weight: 1, arbitrary: fc.integer() },
	{ weight: 1, arbitrary: fc.double({ noNaN: true }) },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) },
);

/** What the nodes make of a value given for a text parameter. */
function isBlank(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	return false;
}

/** Copies/quantities: the spec asks for a whole number of at least 1. */
const countValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.integer({ min: -5, max: 1000 }),
	fc.constantFrom(0, 1.5, -1, 1e9, '2', 'two', '', null),
	fc.double({ noNaN: true, min: -10, max: 10 }),
);
/** Numbers and numeric strings alike (the PrintOS samples send both); `null` and '' are no number. */
const isWholeAtLeastOne = (value: unknown) => value !== null && value !== '' && Number.isInteger(Number(value)) && Number(value) >= 1;

/** A Limit as an expression may give: numbers, numeric strings, words, nothing. */
const limitValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 1, arbitrary: fc.integer({ min: -5, max: 500 }) },
	{ weight: 2, arbitrary: fc.constantFrom('two', 'all', '', null, '10', 1.5, 0, -1, '1e3') },
);

/** Request Options in every combination, bounded: pacing off or fast, short backoffs, sane timeouts. */
export const requestOptionsArb: fc.Arbitrary<IDataObject> = fc.record(
	{
		concurrency: fc.oneof(fc.integer({ min: -3, max: 200 }), fc.constantFrom(1.5, 0)),
		pacePerMinute: fc.oneof(fc.constant(0), fc.integer({ min: 2000, max: 1_000_000 })),
		maxRetries: fc.integer({ min: -1, max: 10 }),
		retryBaseMs: fc.integer({ min: 1, max: 20 }),
		timeoutSeconds: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constant(0.5)),
	},
	{ requiredKeys: ['retryBaseMs'] },
);

const authArb = fc.constantFrom<Auth>('siteFlowApi', 'printOsApi');

function locator(mode: string, expression = '={{ $json.value }}'): IDataObject {
	return { __rl: true, mode, value: expression };
}

function base(node: NodeName, auth: Auth | fc.Arbitrary<Auth>) {
	return { node, authArb: typeof auth === 'string' ? fc.constant(auth) : auth };
}

/** An operation on one object given by ID (Box resource locator with ID/URL/list modes, or a Site Flow text/locator). */
function byId(id: string, node: NodeName, parameters: IDataObject, name: string, options: { auth?: Auth | fc.Arbitrary<Auth>; boxLocator?: boolean; siteFlowLocator?: boolean } = {}): FuzzSpec {
	const chosenAuth = base(node, options.auth ?? (node === 'box' ? 'printOsApi' : authArb)).authArb;
	const valueArb = options.boxLocator
		? fc.oneof(
				anyValue.map((value) => ({ mode: 'id', value, invalid: isBlank(value) ? `an empty ${name}` : undefined })),
				fc
					.constantFrom('https://www.printos.com/box/org/5a1f0c2e9b1d4a0012c3d4e5/view', 'https://www.printos.com/box/', 'not a link at all', 'https://example.com/abc')
					.map((value) => ({ mode: 'url', value, invalid: /[0-9a-f]{24}/.test(value) ? undefined : `a ${name} link without an ID` })),
			)
		: anyValue.map((value) => ({ mode: options.siteFlowLocator ? 'id' : 'plain', value, invalid: isBlank(value) ? `an empty ${name}` : undefined }));
	return {
		id,
		node,
		arbitrary: fc.record({ auth: chosenAuth, pick: valueArb, requestOptions: requestOptionsArb }).map(({ auth, pick, requestOptions }) => ({
			auth,
			parameters: { ...parameters, [name]: pick.mode === 'plain' ? '={{ $json.value }}' : locator(pick.mode) },
			items: [{ json: json(pick.value) }],
			requestOptions,
			invalid: pick.invalid,
		})),
	};
}

/** Return All / Limit in any combination; a Limit must be a whole number of at least 1. */
function listing(id: string, node: NodeName, parameters: IDataObject, extra: fc.Arbitrary<IDataObject> = fc.constant({})): FuzzSpec {
	const auth = node === 'box' ? fc.constant<Auth>('printOsApi') : authArb;
	return {
		id,
		node,
		arbitrary: fc
			.record({ auth, returnAll: fc.boolean(), limit: limitValue, extra, requestOptions: requestOptionsArb })
			.map(({ auth: chosen, returnAll, limit, extra: more, requestOptions }) => ({
				auth: chosen,
				parameters: { ...parameters, returnAll, limit: '={{ $json.value }}', ...more },
				items: [{ json: json(limit) }],
				requestOptions,
				invalid: !returnAll && !isWholeAtLeastOne(limit) ? 'a limit that is not a whole number of at least 1' : undefined,
			})),
	};
}

// ---------------------------------------------------------------------------------------------
// Orders

type Mutation = { path: string; apply: (order: IDataObject) => void };

function orderData(order: IDataObject): IDataObject {
	return order.orderData as IDataObject;
}
function firstItem(order: IDataObject): IDataObject {
	return (orderData(order).items as IDataObject[])[0];
}
function firstComponent(order: IDataObject): IDataObject {
	return (firstItem(order).components as IDataObject[])[0];
}
function firstShipment(order: IDataObject): IDataObject {
	return (orderData(order).shipments as IDataObject[])[0];
}

/** Changes that make any order invalid by spec §3.5 (required fields, types, non-empty lists, indexes). */
export const ORDER_BREAKERS: Mutation[] = [
	{ path: 'destination', apply: (o) => delete o.destination },
	{ path: 'destination', apply: (o) => (o.destination = 'hp.sandbox-psp') },
	{ path: 'destination.name', apply: (o) => ((o.destination as IDataObject).name = '  ') },
	{ path: 'orderData', apply: (o) => delete o.orderData },
	{ path: 'orderData', apply: (o) => (o.orderData = []) },
	{ path: 'orderData.sourceOrderId', apply: (o) => (orderData(o).sourceOrderId = '') },
	{ path: 'orderData.sourceOrderId', apply: (o) => (orderData(o).sourceOrderId = null) },
	{ path: 'orderData.items', apply: (o) => (orderData(o).items = []) },
	{ path: 'orderData.items', apply: (o) => (orderData(o).items = 'cards') },
	{ path: 'orderData.items', apply: (o) => delete orderData(o).items },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 0) },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 1.5) },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 'many') },
	{ path: 'orderData.items[0].sku', apply: (o) => delete firstItem(o).sku },
	{ path: 'orderData.items[0].sourceItemId', apply: (o) => delete firstItem(o).sourceItemId },
	{ path: 'orderData.items[0].shipmentIndex', apply: (o) => (firstItem(o).shipmentIndex = 3) },
	{ path: 'orderData.items[0].shipmentIndex', apply: (o) => (firstItem(o).shipmentIndex = -1) },
	{ path: 'orderData.items[0].components', apply: (o) => (firstItem(o).components = []) },
	{ path: 'orderData.items[0].components', apply: (o) => delete firstItem(o).components },
	{ path: 'orderData.items[0].components[0].code', apply: (o) => delete firstComponent(o).code },
	{ path: 'orderData.items[0].components[0].path', apply: (o) => delete firstComponent(o).path },
	{ path: 'orderData.items[0].components[0].path', apply: (o) => (firstComponent(o).path = 'not a url') },
	{
		path: 'orderData.items[1].sourceItemId',
		apply: (o) => (orderData(o).items as IDataObject[]).push({ ...structuredClone(firstItem(o)) }),
	},
	{ path: 'orderData.shipments', apply: (o) => (orderData(o).shipments = []) },
	{ path: 'orderData.shipments', apply: (o) => delete orderData(o).shipments },
	{ path: 'orderData.shipments[0].shipTo', apply: (o) => delete firstShipment(o).shipTo },
	{ path: 'orderData.shipments[0].shipTo.name', apply: (o) => delete (firstShipment(o).shipTo as IDataObject).name },
	{ path: 'orderData.shipments[0].shipTo.postcode', apply: (o) => ((firstShipment(o).shipTo as IDataObject).postcode = '') },
	{ path: 'orderData.shipments[0].shipTo.isoCountry', apply: (o) => delete (firstShipment(o).shipTo as IDataObject).isoCountry },
	{ path: 'orderData.shipments[0].carrier', apply: (o) => delete firstShipment(o).carrier },
	{ path: 'orderData.shipments[0].carrier', apply: (o) => (firstShipment(o).carrier = {}) },
];

const freeText = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('ünïcödé 名前', 'O\'Brien & Sons <b>', '"quoted"', 'x'.repeat(500)));

/** A valid order with arbitrary (non-empty) free text and ids. */
export const validOrderArb: fc.Arbitrary<IDataObject> = fc
	.record({
		sourceOrderId: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== ''), fc.constantFrom('a/b', '../x', '100%', 'ü-1')),
		customerName: freeText,
		quantity: fc.integer({ min: 1, max: 100_000 }),
		town: freeText.filter((text) => text.trim() !== ''),
	})
	.map(({ sourceOrderId, customerName, quantity, town }) => {
		const order = validOrder(sourceOrderId);
		orderData(order).customerName = customerName;
		firstItem(order).quantity = quantity;
		(firstShipment(order).shipTo as IDataObject).town = town;
		return order;
	});

export interface OrderInput {
	/** The order as given: an object, or text. */
	value: unknown;
	/** Why it is invalid (spec §3.5), or undefined. */
	invalid?: string;
	valid?: boolean;
}

export const orderInputArb: fc.Arbitrary<OrderInput> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.record({ order: validOrderArb, breakers: fc.uniqueArray(fc.integer({ min: 0, max: ORDER_BREAKERS.length - 1 }), { minLength: 1, maxLength: 3 }) })
			.map(({ order, breakers }) => {
				const broken = structuredClone(order);
				const paths: string[] = [];
				for (const index of breakers) {
					try {
						ORDER_BREAKERS[index].apply(broken);
						paths.push(ORDER_BREAKERS[index].path);
					} catch {
						// an earlier mutation removed what this one changes: still broken
					}
				}
				return { value: broken, invalid: `broken at ${paths.join(', ') || 'several places'}` };
			}),
	},
	{ weight: 2, arbitrary: validOrderArb.map((order) => ({ value: order, valid: true })) },
	{ weight: 1, arbitrary: validOrderArb.map((order) => ({ value: JSON.stringify(order), valid: true })) },
	{
		weight: 2,
		arbitrary: fc
			.oneof(
				fc.string({ maxLength: 40 }),
				fc.constantFrom('{', '{"destination":', 'null', '[]', '42', '"order"', '{}', ' '),
				fc.integer(),
				fc.constant(null),
				fc.array(fc.integer(), { maxLength: 3 }),
			)
			.map((value) => ({ value, invalid: 'not an order object' })),
	},
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value })) },
);

/** The node's "Fields" input with arbitrary values: no oracle, only the general rules. */
const orderFieldsArb: fc.Arbitrary<IDataObject> = fc.record({
	destination: fc.oneof(fc.constant(DESTINATION), fc.string({ maxLength: 10 })),
	sourceOrderId: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('F-1')),
	items: fc.record({
		item: fc.array(
			fc.record({
				sourceItemId: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
				sku: fc.constantFrom('Business Cards', '', 'Unknown SKU'),
				quantity: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constant(1.5)),
				shipmentIndex: fc.integer({ min: -1, max: 3 }),
				description: fc.string({ maxLength: 10 }),
				components: fc.record({
					component: fc.array(
						fc.record({
							code: fc.constantFrom('Content', '', 'Cover'),
							path: fc.constantFrom('https://example.com/a.pdf', 'card.pdf', '', 'not a url'),
							fetch: fc.boolean(),
							localFile: fc.boolean(),
							attributes: fc.oneof(fc.constantFrom('{}', '{"pages": 2}', '{', '[1]', 'null', ''), fc.string({ maxLength: 8 })),
						}),
						{ maxLength: 2 },
					),
				}),
			}),
			{ maxLength: 2 },
		),
	}),
	shipments: fc.record({
		shipment: fc.array(
			fc.record({
				shipTo: fc.record({
					address: fc.record({
						name: fc.constantFrom('Ada', ''),
						address1: fc.constantFrom('1 Print St', ''),
						town: fc.constantFrom('London', ''),
						postcode: fc.constantFrom('N1', ''),
						isoCountry: fc.constantFrom('GB', 'gb', '', 'Great Britain'),
					}),
				}),
				carrierType: fc.constantFrom('codeService', 'alias'),
				carrierCode: fc.constantFrom('royalmail', ''),
				carrierService: fc.constantFrom('firstclass', ''),
				carrierAlias: fc.constantFrom('pickup', ''),
			}),
			{ maxLength: 2 },
		),
	}),
	additionalFields: fc.record(
		{
			customerName: fc.string({ maxLength: 10 }),
			email: fc.string({ maxLength: 10 }),
			tags: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(' , ,')),
			extraData: fc.oneof(fc.constantFrom('{}', '{"a":1}', '{', '[]', ''), fc.string({ maxLength: 8 })),
			printType: fc.constantFrom('digital', 'litho', 'offset?'),
		},
		{ requiredKeys: [] },
	),
});

function orderOperation(id: string, parameters: IDataObject, options: { orderId?: boolean; submit?: boolean } = {}): FuzzSpec {
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
				const parameters2: IDataObject = { ...parameters, inputMode: mode };
				const reasons: string[] = [];
				if (mode === 'json') {
					parameters2.orderJson = '={{ $json.order }}';
					if (order.invalid) reasons.push(`an order ${order.invalid}`);
				} else {
					// required texts through expressions, as n8n refuses a workflow with a literal empty required field
					Object.assign(parameters2, fields, { destination: '={{ $json.destination }}', sourceOrderId: '={{ $json.sourceOrderId }}' });
				}
				if (options.submit) {
					parameters2.submitTarget = target;
					parameters2.submitOptions = { validateFirst };
					if (target === 'routingRule') {
						parameters2.routingRuleKey = '={{ $json.routingRuleKey }}';
						if (!routingRuleKey.trim()) reasons.push('an empty routing rule key');
					}
					if (target === 'orderService' && auth === 'printOsApi') reasons.push('the order service with the gateway key');
				}
				if (options.orderId) {
					parameters2.orderId = locator('id', '={{ $json.orderId }}');
					if (isBlank(orderId)) reasons.push('an empty order ID');
				}
				const valid = mode === 'json' && order.valid && !reasons.length && !(options.orderId && typeof orderId !== 'string');
				return {
					auth,
					parameters: parameters2,
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
					invalid: reasons.length ? reasons.join('; ') : undefined,
					mustSend: valid,
				};
			}),
	};
}

// ---------------------------------------------------------------------------------------------
// Binaries

const binaryArb = fc.record({
	requested: fc.constantFrom('data', 'file', ' data ', '', '  ', 'missing'),
	actual: fc.constantFrom('data', 'file'),
	present: fc.boolean(),
	bytes: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 1, maxLength: 64 })),
	mimeType: fc.oneof(
		fc.constantFrom('application/pdf', 'image/png', 'image/jpg', 'text/plain', 'application/octet-stream', '', 'image/svg+xml', 'application/x-msdownload', 'APPLICATION/PDF; charset=binary'),
		fc.string({ maxLength: 12 }),
	),
	fileName: fc.oneof(fc.constantFrom('a.pdf', '', '../../etc/passwd', `${'x'.repeat(300)}.pdf`, 'no-extension', 'photo.JPG', 'a.pdf\u0000.exe'), fc.string({ maxLength: 12 })),
});

type BinaryPick = typeof binaryArb extends fc.Arbitrary<infer T> ? T : never;

function binaryItem(pick: BinaryPick, extraJson: IDataObject = {}): INodeExecutionData {
	const bytes = Buffer.from(pick.bytes);
	return {
		json: extraJson,
		...(pick.present
			? { binary: { [pick.actual]: { data: bytes.toString('base64'), mimeType: pick.mimeType, fileName: pick.fileName, fileSize: String(bytes.length) } } }
			: {}),
	};
}

/** Why the binary cannot be uploaded, whatever the node's type rules. */
function binaryProblem(pick: BinaryPick): string | undefined {
	const name = pick.requested.trim();
	if (!name) return 'an empty binary field name';
	if (!pick.present || name !== pick.actual) return `no binary field "${name}"`;
	if (pick.bytes.length === 0) return 'an empty file';
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Every operation

const BOX: FuzzSpec[] = [
	{
		id: 'box.contact.create',
		node: 'box',
		arbitrary: fc.record({ email: anyValue, name: anyValue, company: fc.string({ maxLength: 10 }), requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi',
			parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}', name: '={{ $json.name }}', additionalFields: { company: pick.company } },
			items: [{ json: { email: pick.email, name: pick.name } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.email) ? 'an empty e-mail' : undefined,
		})),
	},
	byId('box.contact.delete', 'box', { resource: 'contact', operation: 'delete' }, 'contactId', { boxLocator: false, siteFlowLocator: true }),
	listing('box.contact.getMany', 'box', { resource: 'contact', operation: 'getMany' }),
	{
		id: 'box.dashboard.get',
		node: 'box',
		arbitrary: requestOptionsArb.map((requestOptions) => ({ auth: 'printOsApi', parameters: { resource: 'dashboard', operation: 'get' }, items: [{ json: {} }], requestOptions, mustSend: true })),
	},
	...['convertToPdf', 'delete', 'get', 'preflight', 'revertToOriginal'].map((operation) =>
		byId(`box.file.${operation}`, 'box', { resource: 'file', operation }, 'fileId', { boxLocator: true }),
	),
	{
		id: 'box.file.revertToVersion',
		node: 'box',
		arbitrary: fc.record({ fileId: anyValue, versionId: anyValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi',
			parameters: { resource: 'file', operation: 'revertToVersion', fileId: locator('id', '={{ $json.fileId }}'), versionId: '={{ $json.versionId }}' },
			items: [{ json: { fileId: pick.fileId, versionId: pick.versionId } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.fileId) || isBlank(pick.versionId) ? 'an empty file or version ID' : undefined,
		})),
	},
	{
		id: 'box.file.sendToDevice',
		node: 'box',
		arbitrary: fc.record({ fileId: anyValue, deviceId: anyValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi',
			parameters: { resource: 'file', operation: 'sendToDevice', fileId: locator('id', '={{ $json.fileId }}'), deviceId: '={{ $json.deviceId }}' },
			items: [{ json: { fileId: pick.fileId, deviceId: pick.deviceId } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.fileId) || isBlank(pick.deviceId) ? 'an empty file or device ID' : undefined,
		})),
	},
	{
		id: 'box.file.update',
		node: 'box',
		arbitrary: fc
			.record({
				fileId: anyValue,
				fields: fc.record({ name: fc.string({ maxLength: 10 }), copies: countValue, notes: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => {
				const { copies, ...texts } = pick.fields;
				const hasText = Object.values(texts).some((value) => typeof value === 'string' && value.trim() !== '');
				const reasons = [
					isBlank(pick.fileId) ? 'an empty file ID' : '',
					'copies' in pick.fields && !isWholeAtLeastOne(copies) ? 'copies that are not a whole number of at least 1' : '',
					!hasText && !('copies' in pick.fields) ? 'nothing to update' : '',
				].filter(Boolean);
				return {
					auth: 'printOsApi' as Auth,
					parameters: {
						resource: 'file',
						operation: 'update',
						fileId: locator('id', '={{ $json.fileId }}'),
						updateFields: { ...texts, ...('copies' in pick.fields ? { copies: '={{ $json.copies }}' } : {}) },
					},
					items: [{ json: { fileId: pick.fileId, copies } as IDataObject }],
					requestOptions: pick.requestOptions,
					invalid: reasons.length ? reasons.join('; ') : undefined,
				};
			}),
	},
	{
		id: 'box.file.uploadBinary',
		node: 'box',
		arbitrary: fc.record({ folderId: anyValue, binary: binaryArb, name: fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })), copies: countValue, requestOptions: requestOptionsArb }).map((pick) => {
			const reasons = [
				isBlank(pick.folderId) ? 'an empty folder ID' : '',
				binaryProblem(pick.binary) ?? '',
				!isWholeAtLeastOne(pick.copies) ? 'copies that are not a whole number of at least 1' : '',
			].filter(Boolean);
			return {
				auth: 'printOsApi' as Auth,
				parameters: {
					resource: 'file',
					operation: 'uploadBinary',
					folderId: locator('id', '={{ $json.folderId }}'),
					binaryPropertyName: '={{ $json.binaryName }}',
					name: pick.name,
					copies: '={{ $json.copies }}',
				},
				items: [binaryItem(pick.binary, { folderId: pick.folderId, copies: pick.copies, binaryName: pick.binary.requested } as IDataObject)],
				requestOptions: pick.requestOptions,
				invalid: reasons.length ? reasons.join('; ') : undefined,
			};
		}),
	},
	{
		id: 'box.file.uploadFromUrl',
		node: 'box',
		arbitrary: fc.record({ folderId: anyValue, url: anyValue, name: anyValue, copies: countValue, notes: fc.string({ maxLength: 10 }), requestOptions: requestOptionsArb }).map((pick) => {
			const reasons = [
				isBlank(pick.folderId) ? 'an empty folder ID' : '',
				isBlank(pick.url) ? 'an empty URL' : '',
				isBlank(pick.name) ? 'an empty name' : '',
				!isWholeAtLeastOne(pick.copies) ? 'copies that are not a whole number of at least 1' : '',
			].filter(Boolean);
			return {
				auth: 'printOsApi' as Auth,
				parameters: {
					resource: 'file',
					operation: 'uploadFromUrl',
					folderId: locator('id', '={{ $json.folderId }}'),
					url: '={{ $json.url }}',
					name: '={{ $json.name }}',
					copies: '={{ $json.copies }}',
					additionalFields: { notes: pick.notes },
				},
				items: [{ json: { folderId: pick.folderId, url: pick.url, name: pick.name, copies: pick.copies } as IDataObject }],
				requestOptions: pick.requestOptions,
				invalid: reasons.length ? reasons.join('; ') : undefined,
			};
		}),
	},
	listing('box.flow.getMany', 'box', { resource: 'flow', operation: 'getMany' }),
	{
		id: 'box.folder.create',
		node: 'box',
		arbitrary: fc
			.record({
				name: anyValue,
				from: fc.string({ maxLength: 10 }),
				files: fc.array(fc.record({ url: fc.oneof(fc.constant('https://example.com/a.pdf'), fc.constantFrom('', ' ')), name: fc.string({ maxLength: 8 }), copies: countValue }), { maxLength: 3 }),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => {
				const reasons = [
					isBlank(pick.name) ? 'an empty name' : '',
					pick.files.some((file) => isBlank(file.url)) ? 'a file without a URL' : '',
					// an empty Copies field of a file means 1
					pick.files.some((file) => file.copies !== null && !isWholeAtLeastOne(file.copies)) ? 'a file whose copies are not a whole number of at least 1' : '',
				].filter(Boolean);
				return {
					auth: 'printOsApi' as Auth,
					parameters: { resource: 'folder', operation: 'create', name: '={{ $json.name }}', from: pick.from, files: { file: pick.files as unknown as IDataObject[] } },
					items: [{ json: { name: pick.name } as IDataObject }],
					requestOptions: pick.requestOptions,
					invalid: reasons.length ? reasons.join('; ') : undefined,
				};
			}),
	},
	byId('box.folder.delete', 'box', { resource: 'folder', operation: 'delete' }, 'folderId', { boxLocator: true }),
	byId('box.folder.get', 'box', { resource: 'folder', operation: 'get' }, 'folderId', { boxLocator: true }),
	listing('box.substrate.getMany', 'box', { resource: 'substrate', operation: 'getMany' }),
	{
		id: 'box.uploadUrl.get',
		node: 'box',
		arbitrary: fc.record({ mimeType: anyValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi' as Auth,
			parameters: { resource: 'uploadUrl', operation: 'get', mimeType: '={{ $json.value }}' },
			items: [{ json: json(pick.mimeType) }],
			requestOptions: pick.requestOptions,
		})),
	},
];

const SITE_FLOW: FuzzSpec[] = [
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
				const invalid = reasons.filter(Boolean);
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
						binaryItem(pick.binary, {
							order: pick.order.value,
							sourceItemId: pick.sourceItemId,
							componentCode: pick.componentCode,
							binaryName: pick.binary.requested,
						} as IDataObject),
					],
					requestOptions: pick.requestOptions,
					invalid: invalid.length ? invalid.join('; ') : undefined,
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
					binaryItem(pick.binary, {
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

export const FUZZ_SPECS: FuzzSpec[] = [...BOX, ...SITE_FLOW];

// ---------------------------------------------------------------------------------------------
// One run and its verdict

export type FuzzOutcome = 'succeeded' | 'refusedLocally' | 'apiError' | 'failedAfterRequests' | 'unhandled';

export interface FuzzVerdict {
	outcome: FuzzOutcome;
	requests: number;
	problems: string[];
	secretsFound: number;
	message?: string;
}

const API_PATH = /^\/(api|siteflow\/api|box\/api|orders\/api)\/|^\/_uploads\/[0-9a-f]{24}$/;
/** One item of bad input never needs more than a handful of requests; far more is a runaway loop. */
export const REQUEST_BUDGET = 200;
const RUN_TIME_LIMIT_MS = 15_000;

/**
 * Runs the node under a watchdog: a run that sends more than REQUEST_BUDGET requests or takes
 * longer than RUN_TIME_LIMIT_MS is stopped by making the sandbox refuse everything with a 400
 * (never retried), so a runaway loop ends instead of flooding the rest of the suite.
 */
async function watchedRun(world: World, spec: FuzzSpec, input: FuzzCase): Promise<{ run: NodeRun; stopped?: string }> {
	const started = Date.now();
	const running = world.run(spec.node, input.auth, input.parameters, { items: input.items, rawRequestOptions: input.requestOptions });
	let stopped: string | undefined;
	let settled = false;
	void running.finally(() => (settled = true));
	while (!settled) {
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, 25)))]);
		clearTimeout(timer);
		if (settled || stopped) continue;
		const sent = world.sandbox.core.requests.size;
		if (sent > REQUEST_BUDGET) stopped = `a runaway: more than ${REQUEST_BUDGET} requests for one item`;
		else if (Date.now() - started > RUN_TIME_LIMIT_MS) stopped = `the run did not end within ${RUN_TIME_LIMIT_MS / 1000} s`;
		if (stopped) world.sandbox.admin.setFaults({ failNext: { count: 1_000_000, status: 400 } });
	}
	const run = await running;
	if (stopped) world.sandbox.admin.clearFaults();
	return { run, stopped };
}

/** Request Options the node must refuse: counts below their minimum or not whole. */
export function requestOptionsProblem(options: IDataObject): string | undefined {
	const whole = (value: unknown, min: number) => value === undefined || (Number.isInteger(value) && (value as number) >= min);
	if (!whole(options.concurrency, 0)) return 'an Items in Parallel that is not a whole number of at least 0 (0: automatic)';
	if (!whole(options.maxRetries, 0)) return 'a negative Max Retries';
	if (!whole(options.pacePerMinute, 0)) return 'a negative Max Requests per Minute';
	return undefined;
}

export async function runFuzzCase(world: World, spec: FuzzSpec, given: FuzzCase): Promise<FuzzVerdict> {
	const optionsProblem = requestOptionsProblem(given.requestOptions);
	const input: FuzzCase = optionsProblem ? { ...given, invalid: given.invalid ?? optionsProblem, mustSend: false } : given;
	world.clearLogs();
	resetPacers();
	const problems: string[] = [];
	const { run, stopped } = await watchedRun(world, spec, input);
	if (stopped) problems.push(stopped);
	const requests = world.sandbox.admin.requests(5000).requests;
	const apiRequests = requests.filter((entry) => entry.family !== null);

	let outcome: FuzzOutcome = 'succeeded';
	const error = run.thrown[0];
	const message = run.crashed?.message ?? error?.message ?? run.result.error?.message;
	if (run.crashed) {
		outcome = 'unhandled';
		problems.push(`n8n could not run the node: ${run.crashed.name}: ${run.crashed.message}`);
	} else if (run.result.error) {
		if (!error) {
			outcome = 'unhandled';
			problems.push(`the run failed outside the node's execute(): ${run.result.error.message}`);
		} else if (!isNodeError(error) || wrapsForeignError(error)) {
			outcome = 'unhandled';
			problems.push(`an unhandled ${(error as Error).constructor?.name ?? 'error'} escaped: ${error.message}`);
		} else {
			const unclear = unclearReason(error);
			if (unclear) {
				outcome = 'unhandled';
				problems.push(`unclear error: ${unclear}`);
			} else if (error.constructor.name === 'NodeOperationError' || error.name === 'NodeOperationError') {
				outcome = apiRequests.length ? 'failedAfterRequests' : 'refusedLocally';
			} else {
				outcome = 'apiError';
			}
		}
	}

	// a run the watchdog had to stop is unhandled, whatever error the stop produced
	if (stopped) outcome = 'unhandled';

	if (input.invalid) {
		if (outcome === 'succeeded') problems.push(`input with ${input.invalid} was accepted`);
		else if (outcome !== 'unhandled' && outcome !== 'refusedLocally') problems.push(`input with ${input.invalid} was not refused locally (${outcome}: ${message})`);
		if (apiRequests.length) {
			const listed = apiRequests.slice(0, 3).map((entry) => `${entry.method} ${entry.path}`).join(', ');
			problems.push(`input with ${input.invalid} was sent: ${listed}${apiRequests.length > 3 ? ` and ${apiRequests.length - 3} more` : ''}`);
		}
	}
	if (input.mustSend && outcome === 'refusedLocally') problems.push(`valid input was refused locally: ${message}`);
	const claim = `${message ?? ''} ${(error as { description?: string } | undefined)?.description ?? ''}`;
	if (/Nothing was sent/i.test(claim) && apiRequests.length) problems.push(`the error says "Nothing was sent" but ${apiRequests.length} request(s) were`);
	if (/Nothing was uploaded/i.test(claim) && requests.some((entry) => entry.family === null)) problems.push('the error says "Nothing was uploaded" but an upload was sent');
	for (const entry of requests) {
		if (!API_PATH.test(entry.path) || /(^|\/)\.\.?(\/|$)/.test(entry.path)) problems.push(`a request left the API paths: ${entry.method} ${entry.path}`);
	}

	const secretsFound = world.scanRun(`bad input for ${spec.id}`, run);
	if (secretsFound) problems.push(`${secretsFound} secret(s) in output, errors or logs`);
	return { outcome, requests: requests.length, problems, secretsFound, message };
}
