/**
 * Counting what each item left behind in the sandbox after a case, so that duplicates (counted
 * twice) and lost items (counted never, though reported done) show.
 */
import type { Json } from '../../../../sandbox/types';
import { SOURCE_ACCOUNT, type World } from '../world';
import type { EffectCounter, Prepared } from './types';

/** Objects in a sandbox store whose `field` is the item's key (a folder's name, a contact's e-mail). */
export const objectsWith =
	(store: 'folders' | 'boxFiles' | 'contacts', field: string): EffectCounter =>
	(world: World, prepared: Prepared) => {
		const all = [...world.sandbox.core.store[store].values()] as Json[];
		return prepared.keys.map((key) => all.filter((entry) => entry[field] === key).length);
	};

/** Orders of the source account with this sourceOrderId, plus what the order service refused for it. */
export function ordersFor(world: World, sourceOrderId: string): { orders: number; submissionErrors: number } {
	const store = world.sandbox.core.store;
	const orders = store.orders.filter((order: Json) => order.source?.name === SOURCE_ACCOUNT && String(order.orderData?.sourceOrderId) === sourceOrderId).length;
	const submissionErrors = store.submissionErrors.filter((entry) => entry.sourceOrderId === sourceOrderId).length;
	return { orders, submissionErrors };
}

/** A submission takes effect as an order or, on the order service, as a refusal recorded for it. */
export const submissions: EffectCounter = (world, prepared) =>
	prepared.keys.map((key) => {
		const { orders, submissionErrors } = ordersFor(world, key);
		return orders + submissionErrors;
	});

/** A validation creates nothing, however often it is retried. */
export const ordersCreated: EffectCounter = (world, prepared) => prepared.keys.map((key) => ordersFor(world, key).orders);

/** Processed (answered 2xx by the sandbox, whether or not the client got the answer) POSTs per item path. */
export const processedPosts: EffectCounter = (_world, prepared, requests) =>
	prepared.keys.map((path) => requests.filter((entry) => entry.method === 'POST' && entry.path === path && entry.status >= 200 && entry.status < 300).length);
