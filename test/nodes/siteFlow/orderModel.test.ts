/**
 * The pure order folder: building from Fields, local checks, JSON parsing, Simplify, file matching.
 */
import { buildOrderFromFields, parseTags, type OrderFields } from '../../../nodes/PrintOs/SiteFlow/order/buildOrderFromFields';
import { findOrderProblems } from '../../../nodes/PrintOs/SiteFlow/order/findOrderProblems';
import { orderProblemsMessage } from '../../../nodes/PrintOs/SiteFlow/order/orderProblemsError';
import { parseOrderJson } from '../../../nodes/PrintOs/SiteFlow/order/parseOrderJson';
import { unwrapOrder } from '../../../nodes/PrintOs/SiteFlow/order/readOrder';
import { simplifyOrder } from '../../../nodes/PrintOs/SiteFlow/order/simplifyOrder';
import { filesToUpload, matchFilesToBinaries } from '../../../nodes/PrintOs/SiteFlow/artwork/matchOrderFiles';
import { shippedBody } from '../../../nodes/PrintOs/SiteFlow/actions/shipment/markShipped.operation';
import { validOrder, validOrderFields } from '../../helpers/siteFlowOrders';

function paths(order: unknown): string[] {
	return findOrderProblems(order).map((problem) => problem.path);
}

describe('findOrderProblems', () => {
	it('accepts a complete order', () => {
		expect(findOrderProblems(validOrder('A-1'))).toEqual([]);
	});

	it('names every missing required field with its exact path', () => {
		const order = validOrder('A-2');
		delete order.destination.name;
		delete order.orderData.sourceOrderId;
		delete order.orderData.items[0].sourceItemId;
		delete order.orderData.items[0].sku;
		delete order.orderData.items[0].components[0].code;
		delete order.orderData.items[0].components[0].path;
		delete order.orderData.shipments[0].shipTo.postcode;
		delete order.orderData.shipments[0].carrier.service;
		expect(paths(order)).toEqual([
			'destination.name',
			'orderData.sourceOrderId',
			'orderData.items[0].sourceItemId',
			'orderData.items[0].sku',
			'orderData.items[0].components[0].code',
			'orderData.items[0].components[0].path',
			'orderData.shipments[0].shipTo.postcode',
			'orderData.shipments[0].carrier.service',
		]);
	});

	it('requires non-empty items, components and shipments', () => {
		const order = validOrder('A-3');
		order.orderData.items[0].components = [];
		order.orderData.shipments = [];
		expect(paths(order)).toEqual(['orderData.shipments', 'orderData.items[0].components']);
		delete order.orderData.items;
		expect(paths(order)).toContain('orderData.items');
	});

	it('checks item → shipment indexes against the shipments', () => {
		const order = validOrder('A-4');
		order.orderData.items[0].shipmentIndex = 1;
		const problems = findOrderProblems(order);
		expect(problems).toEqual([
			{ path: 'orderData.items[0].shipmentIndex', message: expect.stringContaining('has 1') },
		]);
		order.orderData.items[0].shipmentIndex = -1;
		expect(paths(order)).toEqual(['orderData.items[0].shipmentIndex']);
		order.orderData.items[0].shipmentIndex = 0;
		expect(paths(order)).toEqual([]);
	});

	it('accepts a carrier alias instead of code and service, but not neither', () => {
		const order = validOrder('A-5');
		order.orderData.shipments[0].carrier = { alias: 'pickup' };
		expect(paths(order)).toEqual([]);
		order.orderData.shipments[0].carrier = {};
		expect(paths(order)).toEqual(['orderData.shipments[0].carrier']);
	});

	it('wants a URL when fetch is on (spec §3.5: path is a URL with fetch)', () => {
		const order = validOrder('A-6');
		order.orderData.items[0].components[0].path = 'artwork.pdf';
		expect(paths(order)).toEqual(['orderData.items[0].components[0].path']);
		order.orderData.items[0].components[0].fetch = false;
		expect(paths(order)).toEqual([]);
		order.orderData.items[0].components[0].fetch = 'true';
		expect(paths(order)).toEqual(['orderData.items[0].components[0].path']);
	});

	it('treats a missing item quantity as 1; a given one must be a whole number of at least 1', () => {
		const order = validOrder('A-Q');
		delete order.orderData.items[0].quantity;
		expect(paths(order)).toEqual([]);
		order.orderData.items[0].quantity = null;
		expect(paths(order)).toEqual([]);
		for (const bad of [0, -1, 1.5, 'many', '', true]) {
			order.orderData.items[0].quantity = bad;
			expect(paths(order)).toEqual(['orderData.items[0].quantity']);
		}
		order.orderData.items[0].quantity = '3';
		expect(paths(order)).toEqual([]);
	});

	it('leaves to PrintOS what no source says it refuses', () => {
		const order = validOrder('A-N');
		const component = order.orderData.items[0].components[0];
		component.fetch = 'yes';
		component.localFile = true;
		component.attributes = [];
		order.orderData.tags = 'rush';
		order.orderData.shipments[0].returnAddress = { name: 'Returns' };
		order.orderData.stockItems = [{ code: 'ENV-C6-WHT' }];
		expect(findOrderProblems(order)).toEqual([]);
	});

	it('flags duplicate sourceItemIds and bad quantities', () => {
		const order = validOrder('A-7');
		order.orderData.items.push({ ...order.orderData.items[0], quantity: 0 });
		order.orderData.stockItems = [{ code: 'ENV-C6-WHT', quantity: 0.5 }];
		expect(paths(order)).toEqual(['orderData.items[1].sourceItemId', 'orderData.items[1].quantity', 'orderData.stockItems[0].quantity']);
	});

	it('refuses what is not an order at all', () => {
		expect(paths(null)).toEqual(['order']);
		expect(paths({})).toEqual(['destination', 'orderData']);
	});

	it('accepts an order whose item uses sourceProductId instead of sku', () => {
		const order = validOrder('A-8');
		delete order.orderData.items[0].sku;
		order.orderData.items[0].sourceProductId = 'BC-85x55';
		expect(paths(order)).toEqual([]);
	});
});

describe('buildOrderFromFields', () => {
	it('builds the spec structure from the Fields input', () => {
		const { order, problems } = buildOrderFromFields(validOrderFields('F-1', 'https://example.com/card.pdf'));
		expect(problems).toEqual([]);
		expect(findOrderProblems(order)).toEqual([]);
		expect(order).toEqual({
			destination: { name: 'hp.sandbox-psp' },
			orderData: {
				sourceOrderId: 'F-1',
				customerName: 'Ada',
				email: 'ada@example.com',
				tags: ['rush', 'n8n'],
				items: [
					{
						sourceItemId: 'F-1-1',
						sku: 'Business Cards',
						quantity: 2,
						shipmentIndex: 0,
						components: [
							{ code: 'Content', path: 'https://example.com/card.pdf', fetch: true, attributes: { pages: 2 } },
						],
					},
				],
				shipments: [
					{
						shipmentIndex: 0,
						shipTo: {
							name: 'Ada Lovelace',
							address1: '1 Print Street',
							town: 'London',
							postcode: 'N1 9GU',
							isoCountry: 'GB',
						},
						carrier: { code: 'royalmail', service: 'firstclass' },
					},
				],
			},
		});
	});

	it('uses the carrier alias and a return address when chosen', () => {
		const fields = validOrderFields('F-2', 'https://example.com/a.pdf');
		const shipment = fields.shipments!.shipment![0];
		shipment.carrierType = 'alias';
		shipment.carrierAlias = 'pickup';
		shipment.returnAddress = { address: { name: 'Returns', address1: '2 Road', town: 'Leeds', postcode: 'LS1', isoCountry: 'gb' } };
		const { order } = buildOrderFromFields(fields);
		expect(order.orderData.shipments[0].carrier).toEqual({ alias: 'pickup' });
		expect(order.orderData.shipments[0].returnAddress).toMatchObject({ name: 'Returns', isoCountry: 'GB' });
	});

	it('reports attribute JSON that does not parse at its exact path', () => {
		const fields = validOrderFields('F-3', 'https://example.com/a.pdf');
		fields.items!.item![0].components!.component![0].attributes = '{pages: 2';
		expect(buildOrderFromFields(fields).problems).toEqual([
			{ path: 'orderData.items[0].components[0].attributes', message: expect.stringContaining('JSON object') },
		]);
	});

	it('leaves empty required values in place so the checks name them', () => {
		const fields: OrderFields = { destination: ' ', sourceOrderId: 'F-4', items: {}, shipments: {} };
		const { order } = buildOrderFromFields(fields);
		expect(findOrderProblems(order).map((problem) => problem.path)).toEqual([
			'destination.name',
			'orderData.shipments',
			'orderData.items',
		]);
	});

	it('turns Fetch off for a local file', () => {
		const fields = validOrderFields('F-5', 'on-the-psp-server.pdf');
		fields.items!.item![0].components!.component![0].localFile = true;
		const { order } = buildOrderFromFields(fields);
		expect(order.orderData.items[0].components[0]).toMatchObject({ fetch: false, localFile: true });
		expect(findOrderProblems(order)).toEqual([]);
	});

	it('splits tags and drops empty ones', () => {
		expect(parseTags(' a, ,b ')).toEqual(['a', 'b']);
		expect(parseTags(['x', ''])).toEqual(['x']);
		expect(parseTags('')).toBeUndefined();
	});
});

describe('parseOrderJson and the error message', () => {
	it('takes objects and JSON text, and refuses anything else', () => {
		expect(parseOrderJson({ a: 1 })).toEqual({ order: { a: 1 }, problems: [] });
		expect(parseOrderJson('{"a":1}').order).toEqual({ a: 1 });
		expect(parseOrderJson('{').problems[0].message).toMatch(/not valid JSON/);
		expect(parseOrderJson('[1]').problems[0].path).toBe('order');
		expect(parseOrderJson('').problems[0].message).toMatch(/empty/);
	});

	it('names the item and the first path, and counts the rest', () => {
		const message = orderProblemsMessage(
			[
				{ path: 'orderData.items[0].components[0].path', message: 'is required' },
				{ path: 'orderData.shipments', message: 'is required' },
			],
			3,
		);
		expect(message).toBe('Item 3: the order is not valid: orderData.items[0].components[0].path is required (and 1 more problem)');
	});
});

describe('simplifyOrder', () => {
	it('keeps ids, status, items, shipments and tracking', () => {
		const order = {
			_id: 'o1',
			source: { name: 'brand' },
			destination: { name: 'psp' },
			logs: [{ message: 'noise' }],
			orderData: {
				sourceOrderId: 'S-1',
				status: 'shipped',
				items: [{ _id: 'i1', sourceItemId: 'S-1-1', sku: 'Business Cards', quantity: 2, status: 'live', components: [{}] }],
				shipments: [
					{ _id: 's1', status: 'shipped', trackingNumber: 'T1', trackingUrl: 'https://t/1', carrier: { code: 'ups' } },
					{ _id: 's2', status: 'live' },
				],
			},
		};
		expect(simplifyOrder(unwrapOrder({ order, success: true }))).toEqual({
			_id: 'o1',
			sourceOrderId: 'S-1',
			status: 'shipped',
			source: 'brand',
			destination: 'psp',
			items: [{ _id: 'i1', sourceItemId: 'S-1-1', sku: 'Business Cards', quantity: 2, status: 'live' }],
			shipments: [
				{ _id: 's1', status: 'shipped', trackingNumber: 'T1', trackingUrl: 'https://t/1', carrier: { code: 'ups' }, shipmentIndex: 0 },
				{ _id: 's2', status: 'live', shipmentIndex: 1 },
			],
			tracking: [{ shipmentIndex: 0, _id: 's1', trackingNumber: 'T1', trackingUrl: 'https://t/1' }],
		});
	});
});

describe('order files to upload', () => {
	const order = {
		files: [
			{ _id: 'f1', componentId: 'c1', path: 'cover.pdf', fetch: false, localFile: false, url: 'http://u/1' },
			{ _id: 'f2', componentId: 'c2', path: 'https://x/inner.pdf', fetch: true, url: 'http://u/2' },
			{ _id: 'f3', componentId: 'c3', path: 'local.pdf', fetch: 'false', localFile: 'true' },
			{ _id: 'f4', componentId: 'c4', path: 'text.pdf', fetch: 'false' },
		],
	};

	it('selects files neither fetched nor local', () => {
		expect(filesToUpload(order).map((file) => file.fileId)).toEqual(['f1', 'f4']);
	});

	it('matches by file name or field name, and pairs a last single file with a last single binary', () => {
		const files = filesToUpload(order);
		const binaries = {
			data: { data: '', mimeType: 'application/pdf', fileName: 'Cover.PDF' },
			other: { data: '', mimeType: 'application/pdf', fileName: 'whatever.pdf' },
		};
		const result = matchFilesToBinaries(files, binaries);
		expect(result.unmatched).toEqual([]);
		expect(result.matches.map((match) => [match.file.fileId, match.binaryProperty])).toEqual([
			['f1', 'data'],
			['f4', 'other'],
		]);
	});

	it('leaves files unmatched when the pairing is ambiguous', () => {
		const files = filesToUpload(order);
		const result = matchFilesToBinaries(files, { a: { data: '', mimeType: 'x' }, b: { data: '', mimeType: 'x' } });
		expect(result.unmatched.map((file) => file.fileId)).toEqual(['f1', 'f4']);
	});
});

describe('shippedBody', () => {
	it('sends only what was filled in', () => {
		expect(shippedBody({})).toEqual({});
		expect(
			shippedBody({ trackingNumber: ' 1Z ', trackingUrl: 'https://t/1Z', shippedDate: '2030-01-02T03:04:05Z', carrierCode: 'ups', carrierService: 'ground' }),
		).toEqual({
			trackingNumber: '1Z',
			trackingUrl: 'https://t/1Z',
			shippedDate: '2030-01-02T03:04:05.000Z',
			carrier: { code: 'ups', service: 'ground' },
		});
	});
});
