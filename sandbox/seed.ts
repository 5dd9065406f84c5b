/**
 * What a fresh sandbox holds: the seeded credentials, accounts and a believable catalogue, plus
 * whatever `--seed file.json`, `--key` and `--token` add. The catalogue is rebuilt from the seed on
 * every start (it is configuration); only what clients create is persisted.
 */
import { readFileSync } from 'fs';

import { stableId } from './ids';
import type { Account, CredentialRecord, Json, Scheme, TriggerInput } from './types';

export const SANDBOX_CREDENTIALS = {
	gateway: { key: 'sandbox-key', secret: 'sandbox-secret' },
	siteFlow: { token: 'sandbox-token', secret: 'sandbox-secret' },
	destination: 'hp.sandbox-psp',
	sourceAccount: 'sandbox-brand',
	/** A service user (`x-oneflow-account`, docs/printos-api.md#signing-site-flow): may act for the listed accounts, not for others. */
	serviceUser: { token: 'sandbox-service-token', secret: 'sandbox-secret', account: 'sandbox-service', actsFor: ['sandbox-brand', 'sandbox-brand-2'] },
	/** A brand the service user acts for, and the plain token cannot reach. */
	secondBrand: 'sandbox-brand-2',
} as const;

export interface SeedData {
	accounts?: Array<{ name: string; type?: 'brand' | 'psp'; displayName?: string }>;
	keys?: Array<{ key: string; secret: string; account?: string }>;
	tokens?: Array<{ token: string; secret: string; account?: string; actsFor?: readonly string[] }>;
	substrates?: string[];
	flows?: Json[];
	products?: Json[];
	skus?: Json[];
	stock?: Json[];
	contacts?: Json[];
	triggers?: TriggerInput[];
}

export interface Catalogue {
	sourceAccount: string;
	destination: string;
	accounts: Map<string, Account>;
	credentials: Map<string, CredentialRecord>;
	substrates: string[];
	flows: Json[];
	products: Json[];
	skus: Json[];
	stock: Json[];
	contacts: Json[];
	triggers: TriggerInput[];
	skuByCode: Map<string, Json>;
	productByKey: Map<string, Json>;
}

function component(code: string, width: number, height: number, pages: number, substrate: string, weight: number): Json {
	return {
		code,
		type: 'press',
		width,
		height,
		pages,
		substrate,
		substrateWeight: weight,
		colour: { side1: '4process', side2: pages > 1 ? '4process' : 'none' },
		finish: { side1: 'none', side2: 'none' },
	};
}

function product(code: string, name: string, components: Json[], extra: Json = {}): Json {
	return { _id: stableId(`product:${code}`), code, name, description: name, components, ...extra };
}

const PRODUCTS: Json[] = [
	product('BC-85x55', 'Business Cards 85x55mm', [component('Content', 85, 55, 2, 'Silk 350gsm', 350)], {
		unitWeight: 0.002,
	}),
	product('FLY-A5', 'A5 Flyer', [component('Content', 148, 210, 2, 'Gloss Text', 150)], { unitWeight: 0.005 }),
	product(
		'BK-A4-PB',
		'A4 Perfect Bound Book',
		[component('cover', 420, 297, 4, 'Matt Cover 300gsm', 300), component('text', 210, 297, 48, 'Uncoated 120gsm', 120)],
		{ binding: 'perfect', unitWeight: 0.35 },
	),
	product('POS-A2', 'A2 Poster', [component('Content', 420, 594, 1, 'Satin Poster 200gsm', 200)], { unitWeight: 0.05 }),
	product('GC-5x7', 'Greeting Card 5x7in', [component('Card', 254, 178, 4, 'Silk 350gsm', 350)], {
		folding: 'half',
		unitWeight: 0.02,
	}),
	product(
		'PB-20x20',
		'Photo Book 20x20cm',
		[component('cover', 430, 220, 4, 'Matt Cover 300gsm', 300), component('pages', 200, 200, 24, 'Silk 150gsm', 150)],
		{ binding: 'pur', unitWeight: 0.6 },
	),
];

function sku(code: string, productCode: string): Json {
	const owner = PRODUCTS.find((entry) => entry.code === productCode) as Json;
	return {
		_id: stableId(`sku:${code}`),
		code,
		name: code,
		description: owner.name,
		productId: owner._id,
		productCode,
		active: true,
	};
}

export const DEFAULT_SEED: Required<SeedData> = {
	accounts: [
		{ name: SANDBOX_CREDENTIALS.sourceAccount, type: 'brand', displayName: 'Sandbox Brand' },
		{ name: SANDBOX_CREDENTIALS.destination, type: 'psp', displayName: 'Sandbox Print Service Provider' },
		{ name: SANDBOX_CREDENTIALS.secondBrand, type: 'brand', displayName: 'Second Sandbox Brand' },
		{ name: SANDBOX_CREDENTIALS.serviceUser.account, type: 'brand', displayName: 'Sandbox Service User' },
	],
	keys: [{ ...SANDBOX_CREDENTIALS.gateway, account: SANDBOX_CREDENTIALS.sourceAccount }],
	tokens: [{ ...SANDBOX_CREDENTIALS.siteFlow, account: SANDBOX_CREDENTIALS.sourceAccount }, SANDBOX_CREDENTIALS.serviceUser],
	substrates: [
		'Gloss Text',
		'Silk 150gsm',
		'Silk 350gsm',
		'Uncoated 120gsm',
		'Matt Cover 300gsm',
		'Satin Poster 200gsm',
		'Recycled 90gsm',
	],
	flows: [
		{ _id: '59371e914459ca12008e8ca7', name: 'impose_only', displayName: 'Impose only', easySubmitName: 'impose_only' },
		{ _id: stableId('flow:print_only'), name: 'print_only', displayName: 'Print only', easySubmitName: 'print_only' },
		{
			_id: stableId('flow:preflight_impose_print'),
			name: 'preflight_impose_print',
			displayName: 'Preflight, impose and print',
			easySubmitName: 'preflight_impose_print',
		},
	],
	products: PRODUCTS,
	skus: [
		sku('Business Cards', 'BC-85x55'),
		sku('Flyer A5', 'FLY-A5'),
		sku('Book A4 Perfect Bound', 'BK-A4-PB'),
		sku('Poster A2', 'POS-A2'),
		sku('Greeting Card 5x7', 'GC-5x7'),
		sku('Photo Book 20x20', 'PB-20x20'),
	],
	stock: [
		{ _id: stableId('stock:ENV-C6-WHT'), code: 'ENV-C6-WHT', barcode: '5012345678900', name: 'C6 White Envelope', quantity: 5000, alertLevel: 500 },
		{ _id: stableId('stock:BOX-BC-250'), code: 'BOX-BC-250', barcode: '5012345678917', name: 'Business Card Box (250)', quantity: 1200, alertLevel: 100 },
		{ _id: stableId('stock:SLV-A4-CLR'), code: 'SLV-A4-CLR', barcode: '5012345678924', name: 'A4 Clear Sleeve', quantity: 800, alertLevel: 200 },
	],
	contacts: [
		{ _id: stableId('contact:buyer'), name: 'Print Buyer', email: 'buyer@sandbox-brand.example', company: 'Sandbox Brand' },
		{ _id: stableId('contact:psp'), name: 'PSP Desk', email: 'desk@sandbox-psp.example', company: 'Sandbox PSP' },
	],
	triggers: [],
};

export function readSeedFile(path: string): SeedData {
	const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error(`Seed file ${path} must hold a JSON object`);
	}
	return parsed as SeedData;
}

/** `key:secret` (the secret may itself contain colons). */
export function parseCredentialFlag(value: string): { id: string; secret: string } {
	const colon = value.indexOf(':');
	if (colon <= 0 || colon === value.length - 1) throw new Error(`Expected id:secret, got "${value}"`);
	return { id: value.slice(0, colon), secret: value.slice(colon + 1) };
}

function mergeByKey(base: Json[], extra: Json[] | undefined, key: string): Json[] {
	const out = new Map<string, Json>();
	for (const entry of [...base, ...(extra ?? [])]) out.set(String(entry[key] ?? entry._id ?? out.size), entry);
	return [...out.values()];
}

/** The default seed plus every addition, as the live catalogue. */
export function buildCatalogue(extras: SeedData[] = []): Catalogue {
	const catalogue: Catalogue = {
		sourceAccount: SANDBOX_CREDENTIALS.sourceAccount,
		destination: SANDBOX_CREDENTIALS.destination,
		accounts: new Map(),
		credentials: new Map(),
		substrates: [...DEFAULT_SEED.substrates],
		flows: [...DEFAULT_SEED.flows],
		products: [...DEFAULT_SEED.products],
		skus: [...DEFAULT_SEED.skus],
		stock: [...DEFAULT_SEED.stock],
		contacts: [...DEFAULT_SEED.contacts],
		triggers: [],
		skuByCode: new Map(),
		productByKey: new Map(),
	};
	const addAccount = (name: string, type: 'brand' | 'psp' = 'brand', displayName?: string) => {
		if (!catalogue.accounts.has(name)) {
			catalogue.accounts.set(name, { _id: stableId(`account:${name}`), name, type, displayName: displayName ?? name });
		}
	};
	const addCredential = (scheme: Scheme, id: string, secret: string, account?: string, actsFor: readonly string[] = []) => {
		const owner = account || catalogue.sourceAccount;
		addAccount(owner);
		for (const name of actsFor) addAccount(name);
		catalogue.credentials.set(credentialKey(scheme, id), { id, secret, account: owner, scheme, actsFor: [...actsFor] });
	};
	for (const seed of [DEFAULT_SEED, ...extras]) {
		for (const account of seed.accounts ?? []) addAccount(account.name, account.type, account.displayName);
		for (const key of seed.keys ?? []) addCredential('A', key.key, key.secret, key.account);
		for (const token of seed.tokens ?? []) addCredential('B', token.token, token.secret, token.account, token.actsFor);
		catalogue.triggers.push(...(seed.triggers ?? []));
		if (seed === DEFAULT_SEED) continue;
		catalogue.substrates = [...new Set([...catalogue.substrates, ...(seed.substrates ?? [])])];
		catalogue.flows = mergeByKey(catalogue.flows, seed.flows, 'name');
		catalogue.products = mergeByKey(catalogue.products, seed.products, 'code');
		catalogue.skus = mergeByKey(catalogue.skus, seed.skus, 'code');
		catalogue.stock = mergeByKey(catalogue.stock, seed.stock, 'code');
		catalogue.contacts = mergeByKey(catalogue.contacts, seed.contacts, 'email');
	}
	for (const list of [catalogue.flows, catalogue.products, catalogue.skus, catalogue.stock, catalogue.contacts]) {
		for (const entry of list) entry._id ??= stableId(JSON.stringify(entry));
	}
	for (const entry of catalogue.skus) catalogue.skuByCode.set(String(entry.code), entry);
	for (const entry of catalogue.products) {
		catalogue.productByKey.set(String(entry._id), entry);
		if (entry.code) catalogue.productByKey.set(String(entry.code), entry);
	}
	return catalogue;
}

export function credentialKey(scheme: Scheme, id: string): string {
	return `${scheme}:${id}`;
}

/** The product an order item points at, by SKU code or by sourceProductId. */
export function productForItem(catalogue: Catalogue, item: Json): Json | undefined {
	if (typeof item.sku === 'string' && item.sku) {
		const entry = catalogue.skuByCode.get(item.sku);
		return entry ? catalogue.productByKey.get(String(entry.productId)) : undefined;
	}
	if (item.sourceProductId !== undefined && item.sourceProductId !== null) {
		return catalogue.productByKey.get(String(item.sourceProductId));
	}
	return undefined;
}
