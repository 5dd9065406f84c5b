/**
 * The local checks of a Site Flow order (docs/printos-api.md#order-checks), one rule at a time: the
 * shared valid order with one field broken gives exactly one problem, with the path and the message a
 * user reads; the variants PrintOS accepts give none (a rule too strict would stop a good order).
 */
import { findOrderProblems } from '../../nodes/PrintOs/SiteFlow/order/findOrderProblems';
import { validOrder, type LooseOrder } from '../helpers/siteFlowOrders';

const ITEM = 'orderData.items[0]';
const COMPONENT = `${ITEM}.components[0]`;
const SHIPMENT = 'orderData.shipments[0]';

/** The problems of the valid order after `change`. */
function problemsAfter(change: (order: LooseOrder, orderData: LooseOrder) => void) {
	const order = validOrder('OP-1');
	change(order, order.orderData);
	return findOrderProblems(order);
}

function problem(path: string, message: string) {
	return { path, message };
}

const PATH_REQUIRED = 'is required: the artwork URL (with fetch) or the file name to upload or already at the PSP';
const URL_WITH_FETCH = 'must be an http(s) URL that Site Flow can download, since fetch is true';

describe('findOrderProblems: what is not an order', () => {
	it('names a missing order and one that is not an object', () => {
		const whatItIs = 'an object with destination and orderData';
		expect(findOrderProblems(undefined)).toEqual([problem('order', `is required (${whatItIs})`)]);
		for (const notAnObject of [null, 'order', 42, [validOrder('OP-1')]]) {
			expect(findOrderProblems(notAnObject)).toEqual([problem('order', `must be an object (${whatItIs})`)]);
		}
	});

	it('names a missing destination, or one that is only a name', () => {
		const whatItIs = 'the PSP account, e.g. {"name":"hp.example"}';
		expect(problemsAfter((order) => delete order.destination)).toEqual([problem('destination', `is required (${whatItIs})`)]);
		expect(problemsAfter((order) => (order.destination = 'hp.example'))).toEqual([
			problem('destination', `must be an object (${whatItIs})`),
		]);
	});

	it('requires the destination account name, blank counting as missing', () => {
		for (const name of [undefined, '', '   ', 7]) {
			expect(problemsAfter((order) => (order.destination.name = name))).toEqual([
				problem('destination.name', 'is required (the PSP account name)'),
			]);
		}
	});

	it('stops at a missing orderData, after checking the destination', () => {
		expect(
			findOrderProblems({ destination: {}, orderData: 'A-1' }),
		).toEqual([
			problem('destination.name', 'is required (the PSP account name)'),
			problem('orderData', 'must be an object (the order itself)'),
		]);
		expect(problemsAfter((order) => delete order.orderData)).toEqual([problem('orderData', 'is required (the order itself)')]);
	});
});

describe('findOrderProblems: the order and its lists', () => {
	it('requires sourceOrderId: text or a finite number', () => {
		for (const id of [undefined, null, '', '  ', Number.NaN, Infinity, { id: 1 }, true]) {
			expect(problemsAfter((_, data) => (data.sourceOrderId = id))).toEqual([
				problem('orderData.sourceOrderId', 'is required (your unique ID for this order)'),
			]);
		}
	});

	it('requires shipments and items as lists, naming a missing list and an empty one', () => {
		expect(problemsAfter((_, data) => delete data.shipments)).toEqual([
			problem('orderData.shipments', 'is required: a list with at least one shipment'),
		]);
		// an object is not a list, and nothing inside it is checked as a shipment
		expect(problemsAfter((_, data) => (data.shipments = { 0: data.shipments[0] }))).toEqual([
			problem('orderData.shipments', 'is required: a list with at least one shipment'),
		]);
		expect(problemsAfter((_, data) => (data.shipments = []))).toEqual([
			problem('orderData.shipments', 'must contain at least one shipment'),
		]);
		expect(problemsAfter((_, data) => (data.items = 'card'))).toEqual([
			problem('orderData.items', 'is required: a list with at least one item'),
		]);
		expect(problemsAfter((_, data) => (data.items = []))).toEqual([problem('orderData.items', 'must contain at least one item')]);
	});

	it('lists every problem in document order: destination, order, items, shipments, stock items', () => {
		const problems = problemsAfter((order, data) => {
			order.destination = {};
			delete data.sourceOrderId;
			data.shipments[0].carrier = { code: 'royalmail' };
			data.items[0].sku = '';
			data.stockItems = [{}];
		});
		expect(problems.map((found) => found.path)).toEqual([
			'destination.name',
			'orderData.sourceOrderId',
			`${ITEM}.sku`,
			`${SHIPMENT}.carrier.service`,
			'orderData.stockItems[0].code',
		]);
	});
});

describe('findOrderProblems: items', () => {
	it('names an item that is not an object', () => {
		expect(problemsAfter((_, data) => data.items.push(null, 'card'))).toEqual([
			problem('orderData.items[1]', 'must be an object (an item)'),
			problem('orderData.items[2]', 'must be an object (an item)'),
		]);
	});

	it('requires sourceItemId', () => {
		for (const id of [undefined, '', ' ', Number.NaN]) {
			expect(problemsAfter((_, data) => (data.items[0].sourceItemId = id))).toEqual([
				problem(`${ITEM}.sourceItemId`, 'is required (your ID for this item, unique within the order)'),
			]);
		}
	});

	it('refuses a sourceItemId used twice, naming the first item that has it, a number and its text alike', () => {
		const problems = problemsAfter((_, data) => {
			data.items[0].sourceItemId = 7;
			data.items.push({ ...data.items[0], sourceItemId: 'other' }, { ...data.items[0], sourceItemId: '7' });
		});
		expect(problems).toEqual([problem('orderData.items[2].sourceItemId', '"7" is already used by orderData.items[0]')]);
	});

	it('requires a sku or a sourceProductId', () => {
		for (const blank of [undefined, '', '  ']) {
			expect(
				problemsAfter((_, data) => {
					data.items[0].sku = blank;
					data.items[0].sourceProductId = blank;
				}),
			).toEqual([problem(`${ITEM}.sku`, 'is required (a SKU code of the destination account, or sourceProductId)')]);
		}
	});

	it.each([[0], [-1], [1.5], ['many'], [''], ['  '], ['0'], [true], [[2]], [{}]])(
		'refuses the item quantity %j, quoting it',
		(quantity) => {
			expect(problemsAfter((_, data) => (data.items[0].quantity = quantity))).toEqual([
				problem(
					`${ITEM}.quantity`,
					`must be a whole number of at least 1 when given (leave it out for 1), not ${JSON.stringify(quantity)}`,
				),
			]);
		},
	);

	it.each([[1], ['1'], [-1], [0.5], ['first']])('refuses the shipmentIndex %j with one shipment', (shipmentIndex) => {
		expect(problemsAfter((_, data) => (data.items[0].shipmentIndex = shipmentIndex))).toEqual([
			problem(
				`${ITEM}.shipmentIndex`,
				`${JSON.stringify(shipmentIndex)} does not point to a shipment: orderData.shipments has 1 (indexes start at 0)`,
			),
		]);
	});

	it('counts the shipments for the index: the second of two is 1', () => {
		const secondShipment = (data: LooseOrder) => data.shipments.push({ ...data.shipments[0] });
		expect(
			problemsAfter((_, data) => {
				secondShipment(data);
				data.items[0].shipmentIndex = 1;
			}),
		).toEqual([]);
		expect(
			problemsAfter((_, data) => {
				secondShipment(data);
				data.items[0].shipmentIndex = 2;
			}),
		).toEqual([problem(`${ITEM}.shipmentIndex`, '2 does not point to a shipment: orderData.shipments has 2 (indexes start at 0)')]);
	});

	it('names only the missing shipments, not every index into them', () => {
		expect(problemsAfter((_, data) => (data.shipments = []))).toEqual([
			problem('orderData.shipments', 'must contain at least one shipment'),
		]);
	});

	it('requires a list of components', () => {
		expect(problemsAfter((_, data) => delete data.items[0].components)).toEqual([
			problem(`${ITEM}.components`, 'is required: a list with at least one component'),
		]);
		expect(problemsAfter((_, data) => (data.items[0].components = []))).toEqual([
			problem(`${ITEM}.components`, 'must contain at least one component'),
		]);
		expect(problemsAfter((_, data) => data.items[0].components.push('Cover'))).toEqual([
			problem(`${ITEM}.components[1]`, 'must be an object (a component)'),
		]);
	});
});

describe('findOrderProblems: components', () => {
	it('requires the component code', () => {
		expect(problemsAfter((_, data) => (data.items[0].components[0].code = ' '))).toEqual([
			problem(`${COMPONENT}.code`, "is required (the product's component code, e.g. Content or Cover)"),
		]);
	});

	it('requires a path, with or without fetch', () => {
		for (const fetch of [true, false, undefined]) {
			expect(
				problemsAfter((_, data) => {
					delete data.items[0].components[0].path;
					data.items[0].components[0].fetch = fetch;
				}),
			).toEqual([problem(`${COMPONENT}.path`, PATH_REQUIRED)]);
		}
		expect(problemsAfter((_, data) => (data.items[0].components[0].path = '  '))).toEqual([
			problem(`${COMPONENT}.path`, PATH_REQUIRED),
		]);
	});

	it.each([
		['a file name', 'card.pdf'],
		['text before the URL', 'see https://example.com/card.pdf'],
		['a space inside the URL', 'https://example.com/my card.pdf'],
		['another scheme', 'ftp://example.com/card.pdf'],
		['a scheme alone', 'https://'],
	])('wants an http(s) URL when fetch is true or "true": refuses %s', (_, path) => {
		for (const fetch of [true, 'true']) {
			expect(
				problemsAfter((__, data) => {
					data.items[0].components[0].path = path;
					data.items[0].components[0].fetch = fetch;
				}),
			).toEqual([problem(`${COMPONENT}.path`, URL_WITH_FETCH)]);
		}
	});

	it('takes a file name when fetch is anything but true or "true"', () => {
		for (const fetch of [false, 'false', 'yes', 1, undefined]) {
			expect(
				problemsAfter((_, data) => {
					data.items[0].components[0].path = 'card.pdf';
					data.items[0].components[0].fetch = fetch;
				}),
			).toEqual([]);
		}
	});

	it('exempts stock components from path, but not from code', () => {
		const stock = { type: 'stock', fetch: true };
		expect(problemsAfter((_, data) => data.items[0].components.push({ ...stock, code: 'Envelope' }))).toEqual([]);
		expect(problemsAfter((_, data) => data.items[0].components.push({ ...stock, path: 'not a url' }))).toEqual([
			problem(`${ITEM}.components[1].code`, "is required (the product's component code, e.g. Content or Cover)"),
		]);
		expect(problemsAfter((_, data) => data.items[0].components.push({ code: 'Cover', type: 'paper' }))).toEqual([
			problem(`${ITEM}.components[1].path`, PATH_REQUIRED),
		]);
	});
});

describe('findOrderProblems: shipments', () => {
	it('names a shipment that is not an object', () => {
		expect(problemsAfter((_, data) => data.shipments.push([]))).toEqual([
			problem('orderData.shipments[1]', 'must be an object (a shipment)'),
		]);
	});

	it('requires shipTo as an object', () => {
		expect(problemsAfter((_, data) => delete data.shipments[0].shipTo)).toEqual([
			problem(`${SHIPMENT}.shipTo`, 'is required (the delivery address)'),
		]);
		expect(problemsAfter((_, data) => (data.shipments[0].shipTo = 'London'))).toEqual([
			problem(`${SHIPMENT}.shipTo`, 'must be an object (the delivery address)'),
		]);
	});

	it.each(['name', 'address1', 'town', 'postcode', 'isoCountry'])('requires the address field %s', (field) => {
		expect(problemsAfter((_, data) => (data.shipments[0].shipTo[field] = ''))).toEqual([
			problem(`${SHIPMENT}.shipTo.${field}`, `is required (address ${field})`),
		]);
	});

	it('requires a carrier as an object', () => {
		expect(problemsAfter((_, data) => delete data.shipments[0].carrier)).toEqual([
			problem(`${SHIPMENT}.carrier`, 'is required (code and service, or alias)'),
		]);
		expect(problemsAfter((_, data) => (data.shipments[0].carrier = 'fedex'))).toEqual([
			problem(`${SHIPMENT}.carrier`, 'must be an object (code and service, or alias)'),
		]);
	});

	it('wants a carrier alias, or a code and a service', () => {
		const carrierProblems = (carrier: LooseOrder) => problemsAfter((_, data) => (data.shipments[0].carrier = carrier));
		expect(carrierProblems({})).toEqual([
			problem(`${SHIPMENT}.carrier`, 'needs either an alias, or a code and a service (e.g. {"code":"fedex","service":"ground"})'),
		]);
		expect(carrierProblems({ code: ' ', service: '', alias: '' })).toEqual([
			problem(`${SHIPMENT}.carrier`, 'needs either an alias, or a code and a service (e.g. {"code":"fedex","service":"ground"})'),
		]);
		expect(carrierProblems({ service: 'ground' })).toEqual([
			problem(`${SHIPMENT}.carrier.code`, 'is required with carrier.service (or use carrier.alias)'),
		]);
		expect(carrierProblems({ code: 'fedex' })).toEqual([
			problem(`${SHIPMENT}.carrier.service`, 'is required with carrier.code (or use carrier.alias)'),
		]);
		expect(carrierProblems({ alias: 'pickup' })).toEqual([]);
		expect(carrierProblems({ alias: 'pickup', code: 'fedex' })).toEqual([]);
	});

	it('requires a path on each attachment', () => {
		expect(
			problemsAfter((_, data) => (data.shipments[0].attachments = [{ path: 'https://example.com/label.pdf', type: 'label' }, {}, null])),
		).toEqual([
			problem(`${SHIPMENT}.attachments[1].path`, 'is required (the attachment file)'),
			problem(`${SHIPMENT}.attachments[2]`, 'must be an object (an attachment)'),
		]);
	});
});

describe('findOrderProblems: stock items', () => {
	const stockProblems = (stockItems: unknown, shipments?: unknown[]) =>
		problemsAfter((_, data) => {
			data.stockItems = stockItems;
			if (shipments) data.shipments = shipments;
		});

	it('wants a list of objects with a code', () => {
		expect(stockProblems({ code: 'ENV-C6-WHT' })).toEqual([problem('orderData.stockItems', 'must be a list')]);
		expect(stockProblems([{ code: 'ENV-C6-WHT' }, 'ENV-C6-WHT', { code: '' }])).toEqual([
			problem('orderData.stockItems[1]', 'must be an object (a stock item)'),
			problem('orderData.stockItems[2].code', 'is required (the stock code)'),
		]);
	});

	it('checks a given quantity as for items', () => {
		expect(stockProblems([{ code: 'ENV', quantity: 0 }])).toEqual([
			problem('orderData.stockItems[0].quantity', 'must be a whole number of at least 1 when given (leave it out for 1), not 0'),
		]);
	});

	it.each([[1], [-1], [0.5], ['first']])('refuses the shipmentIndex %j with one shipment', (shipmentIndex) => {
		expect(stockProblems([{ code: 'ENV', shipmentIndex }])).toEqual([
			problem('orderData.stockItems[0].shipmentIndex', 'does not point to a shipment (there are 1)'),
		]);
	});

	it('takes no shipmentIndex (null included) as none, even without shipments', () => {
		const noShipments: unknown[] = [];
		expect(stockProblems([{ code: 'ENV', shipmentIndex: null }, { code: 'ENV' }], noShipments)).toEqual([
			problem('orderData.shipments', 'must contain at least one shipment'),
		]);
	});
});

describe('findOrderProblems: variants PrintOS accepts', () => {
	it.each<[string, (order: LooseOrder, data: LooseOrder) => void]>([
		['the shared valid order', () => undefined],
		['numeric order and item IDs, 0 included', (_, data) => {
			data.sourceOrderId = 1042;
			data.items[0].sourceItemId = 0;
		}],
		['sourceProductId instead of sku', (_, data) => {
			delete data.items[0].sku;
			data.items[0].sourceProductId = 'BC-85x55';
		}],
		['no quantity (it defaults to 1)', (_, data) => delete data.items[0].quantity],
		['a null quantity', (_, data) => (data.items[0].quantity = null)],
		['a quantity as text', (_, data) => (data.items[0].quantity = '250')],
		['no shipmentIndex', (_, data) => delete data.items[0].shipmentIndex],
		['a null shipmentIndex', (_, data) => (data.items[0].shipmentIndex = null)],
		['a shipmentIndex as text', (_, data) => (data.items[0].shipmentIndex = '0')],
		['an http (not https) artwork URL', (_, data) => (data.items[0].components[0].path = 'http://example.com/card.pdf')],
		['an artwork URL in capitals with spaces around it', (_, data) => (data.items[0].components[0].path = '  HTTPS://EXAMPLE.COM/CARD.PDF ')],
		['a stock component without path', (_, data) => data.items[0].components.push({ code: 'Envelope', type: 'stock' })],
		['a carrier alias alone', (_, data) => (data.shipments[0].carrier = { alias: 'pickup' })],
		['attachments with a path, and attachments that are not a list', (_, data) => {
			data.shipments[0].attachments = [{ path: 'label.pdf' }];
			data.shipments.push({ ...data.shipments[0], attachments: 'none' });
		}],
		['stock items without quantity or shipmentIndex', (_, data) => (data.stockItems = [{ code: 'ENV-C6-WHT' }])],
		['stock items with quantity and shipmentIndex as text', (_, data) => {
			data.stockItems = [{ code: 'ENV-C6-WHT', quantity: '2', shipmentIndex: '0' }];
		}],
		['null stock items', (_, data) => (data.stockItems = null)],
		['an empty stock item list', (_, data) => (data.stockItems = [])],
	])('accepts %s', (_, change) => {
		expect(problemsAfter(change)).toEqual([]);
	});
});
