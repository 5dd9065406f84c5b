/**
 * Points one component of an existing order at new artwork, returning the order body for
 * PUT /order/{id} (spec O13). The component is found by its item's sourceItemId and its code.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface ComponentArtwork {
	sourceItemId: string;
	componentCode: string;
	path: string;
	fetch: boolean;
	itemIndex: number;
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

export function setComponentArtwork(node: INode, order: IDataObject, artwork: ComponentArtwork): IDataObject {
	const orderData = (order.orderData ?? {}) as IDataObject;
	const items = list(orderData.items);
	const itemPosition = items.findIndex((item) => String(item.sourceItemId) === artwork.sourceItemId);
	if (itemPosition < 0) {
		throw new NodeOperationError(node, `Item ${artwork.itemIndex}: the order has no item with sourceItemId "${artwork.sourceItemId}"`, {
			itemIndex: artwork.itemIndex,
			description: `Its items: ${items.map((item) => String(item.sourceItemId)).join(', ') || 'none'}`,
		});
	}
	const components = list(items[itemPosition].components);
	const componentPosition = components.findIndex((component) => component.code === artwork.componentCode);
	if (componentPosition < 0) {
		throw new NodeOperationError(
			node,
			`Item ${artwork.itemIndex}: item "${artwork.sourceItemId}" has no component with code "${artwork.componentCode}"`,
			{
				itemIndex: artwork.itemIndex,
				description: `Its components: ${components.map((component) => String(component.code)).join(', ') || 'none'}`,
			},
		);
	}
	const updatedComponents = components.map((component, index) =>
		index === componentPosition ? { ...component, path: artwork.path, fetch: artwork.fetch } : component,
	);
	const updatedItems = items.map((item, index) =>
		index === itemPosition ? { ...item, components: updatedComponents } : item,
	);
	return {
		destination: order.destination,
		orderData: { ...orderData, items: updatedItems },
	};
}
