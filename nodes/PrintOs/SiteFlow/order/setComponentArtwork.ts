/**
 * Points one component of an order document at artwork, e.g. a file just uploaded, before the
 * order is submitted in JSON mode. The component is found by its item's sourceItemId and its code;
 * everything else in the order is kept as it is.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface ComponentRef {
	sourceItemId: string;
	componentCode: string;
	itemIndex: number;
}

export interface ComponentArtwork {
	path: string;
	fetch: boolean;
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

interface Position {
	item: number;
	component: number;
}

/** Where the component is; throws, naming what the order does have, when it is not there. */
export function locateComponent(node: INode, order: IDataObject, ref: ComponentRef): Position {
	const items = list((order.orderData as IDataObject | undefined)?.items);
	const item = items.findIndex((entry) => String(entry.sourceItemId) === ref.sourceItemId);
	if (item < 0) {
		throw new NodeOperationError(node, `Item ${ref.itemIndex}: the order has no item with sourceItemId "${ref.sourceItemId}"`, {
			itemIndex: ref.itemIndex,
			description: `Its items: ${items.map((entry) => String(entry.sourceItemId)).join(', ') || 'none'}`,
		});
	}
	const components = list(items[item].components);
	const component = components.findIndex((entry) => entry.code === ref.componentCode);
	if (component < 0) {
		throw new NodeOperationError(
			node,
			`Item ${ref.itemIndex}: item "${ref.sourceItemId}" has no component with code "${ref.componentCode}"`,
			{
				itemIndex: ref.itemIndex,
				description: `Its components: ${components.map((entry) => String(entry.code)).join(', ') || 'none'}`,
			},
		);
	}
	return { item, component };
}

/** A copy of the order with the component's path and fetch flag replaced. */
export function withComponentArtwork(order: IDataObject, at: Position, artwork: ComponentArtwork): IDataObject {
	const orderData = order.orderData as IDataObject;
	const items = list(orderData.items).map((item, itemPosition) => {
		if (itemPosition !== at.item) return item;
		const components = list(item.components).map((component, componentPosition) =>
			componentPosition === at.component
				? { ...component, path: artwork.path, fetch: artwork.fetch, localFile: false }
				: component,
		);
		return { ...item, components };
	});
	return { ...order, orderData: { ...orderData, items } };
}
