/** The order as the node's "Fields" input mode takes it, item by item and shipment by shipment. */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { DESTINATION } from '../world';

/** The node's "Fields" input with arbitrary values: no oracle, only the general rules. */
export const orderFieldsArb: fc.Arbitrary<IDataObject> = fc.record({
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
