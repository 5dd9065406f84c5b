/**
 * The order parameters shared by Validate, Submit and Update: "Fields" builds the order from the
 * form; "JSON" takes the whole order (docs/printos-api.md#order-document) from a parameter or an expression.
 */
import type { INodeProperties } from 'n8n-workflow';

const showForFields = { show: { inputMode: ['fields'] } };

const addressValues: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Recipient name (required)' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '', description: 'Required' },
	{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
	{ displayName: 'Address Line 3', name: 'address3', type: 'string', default: '' },
	{ displayName: 'Town', name: 'town', type: 'string', default: '', description: 'Town or city (required)' },
	{ displayName: 'State', name: 'state', type: 'string', default: '', description: 'State or region; some US PSPs need it for labels' },
	{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '', description: 'Postcode or ZIP code (required)' },
	{
		displayName: 'ISO Country',
		name: 'isoCountry',
		type: 'string',
		default: '',
		placeholder: 'US',
		description: 'Two-letter ISO 3166 country code (required)',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
];

const componentValues: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		placeholder: 'Content',
		description: "The product's component code, e.g. Content, Cover or Text (required)",
	},
	{
		displayName: 'Artwork Path or URL',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/artwork.pdf',
		description:
			'With Fetch on: a URL Site Flow downloads. With Fetch off: the file name, whose bytes you upload after submitting (Order Artwork > Upload Order Files).',
	},
	{
		displayName: 'Fetch',
		name: 'fetch',
		type: 'boolean',
		default: true,
		description: 'Whether Site Flow downloads the artwork from the URL in Artwork Path or URL',
	},
	{
		displayName: 'Local File',
		name: 'localFile',
		type: 'boolean',
		default: false,
		description: 'Whether the file is already at the PSP, so nothing is downloaded or uploaded',
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'attributes',
		type: 'json',
		default: '{}',
		description: 'Attribute names and values matched against the product, e.g. {"pages": 24}',
	},
];

const itemValues: INodeProperties[] = [
	{
		displayName: 'Source Item ID',
		name: 'sourceItemId',
		type: 'string',
		default: '',
		description: 'Your ID for this item, unique within the order (required)',
	},
	{
		displayName: 'SKU Name or ID',
		name: 'sku',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSkus' },
		default: '',
		description:
			'A SKU code of the destination account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
	},
	{
		displayName: 'Shipment Index',
		name: 'shipmentIndex',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Which shipment this item goes in, counting from 0 in the order of Shipments below',
	},
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{
		displayName: 'Components',
		name: 'components',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Component',
		default: {},
		options: [{ displayName: 'Component', name: 'component', values: componentValues }],
	},
];

const shipmentValues: INodeProperties[] = [
	{
		displayName: 'Ship To',
		name: 'shipTo',
		type: 'fixedCollection',
		placeholder: 'Add Address',
		default: {},
		options: [{ displayName: 'Address', name: 'address', values: addressValues }],
	},
	{
		displayName: 'Carrier By',
		name: 'carrierType',
		type: 'options',
		options: [
			{ name: 'Alias', value: 'alias', description: 'A shipping alias set up by the PSP, e.g. pickup' },
			{ name: 'Code and Service', value: 'codeService', description: 'For example fedex and ground' },
		],
		default: 'codeService',
	},
	{
		displayName: 'Carrier Code',
		name: 'carrierCode',
		type: 'string',
		default: '',
		placeholder: 'fedex',
		displayOptions: { show: { carrierType: ['codeService'] } },
	},
	{
		displayName: 'Carrier Service',
		name: 'carrierService',
		type: 'string',
		default: '',
		placeholder: 'ground',
		displayOptions: { show: { carrierType: ['codeService'] } },
	},
	{
		displayName: 'Carrier Alias',
		name: 'carrierAlias',
		type: 'string',
		default: '',
		placeholder: 'pickup',
		displayOptions: { show: { carrierType: ['alias'] } },
	},
	{
		displayName: 'Return Address',
		name: 'returnAddress',
		type: 'fixedCollection',
		placeholder: 'Add Return Address',
		default: {},
		options: [{ displayName: 'Address', name: 'address', values: addressValues }],
	},
	{
		displayName: 'Ship By Date',
		name: 'shipByDate',
		type: 'string',
		default: '',
		placeholder: '2030-12-22',
	},
	{
		displayName: 'SLA Days',
		name: 'slaDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Days the PSP has to ship; 0 leaves the PSP default',
	},
	{ displayName: 'Source Shipment ID', name: 'sourceShipmentId', type: 'string', default: '' },
];

export const orderInputProperties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Build the order from the fields below' },
			{ name: 'JSON', value: 'json', description: 'Give the whole order as JSON, e.g. from an expression' },
		],
		default: 'fields',
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'hp.example-psp',
		description: 'The PSP account that prints the order (destination.name)',
		displayOptions: showForFields,
	},
	{
		displayName: 'Source Order ID',
		name: 'sourceOrderId',
		type: 'string',
		required: true,
		default: '',
		description: 'Your unique ID for this order; Site Flow refuses a second order with the same one',
		displayOptions: showForFields,
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		description: 'At least one item, each with at least one component',
		displayOptions: showForFields,
		options: [{ displayName: 'Item', name: 'item', values: itemValues }],
	},
	{
		displayName: 'Shipments',
		name: 'shipments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Shipment',
		default: {},
		description: 'At least one shipment; items point to them by Shipment Index',
		displayOptions: showForFields,
		options: [{ displayName: 'Shipment', name: 'shipment', values: shipmentValues }],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForFields,
		options: [
			{ displayName: 'Customer Name', name: 'customerName', type: 'string', default: '', description: 'Brand or customer name' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{
				displayName: 'Extra Data (JSON)',
				name: 'extraData',
				type: 'json',
				default: '{}',
				description: 'Free-form data kept with the order',
			},
			{ displayName: 'Instructions', name: 'instructions', type: 'string', default: '', description: 'A note for the PSP' },
			{
				displayName: 'Print Type',
				name: 'printType',
				type: 'options',
				options: [
					{ name: 'Digital', value: 'digital' },
					{ name: 'Large Format', value: 'largeformat' },
					{ name: 'Litho', value: 'litho' },
				],
				default: 'digital',
			},
			{ displayName: 'Purchase Order Number', name: 'purchaseOrderNumber', type: 'string', default: '' },
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'rush, reprint',
				description: 'Comma-separated tags',
			},
		],
	},
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		required: true,
		default: '{\n  "destination": { "name": "" },\n  "orderData": {\n    "sourceOrderId": "",\n    "items": [],\n    "shipments": []\n  }\n}',
		description: 'The whole order: destination and orderData, as in the Site Flow order structure',
		displayOptions: { show: { inputMode: ['json'] } },
	},
];
