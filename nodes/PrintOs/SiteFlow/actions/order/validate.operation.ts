import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { validateOrder } from '../../submission/validateOrder';
import { orderInputProperties } from './orderInput.description';
import { readOrderInput } from './readOrderInput';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [...orderInputProperties];

/** PrintOS's dry run: the order as Site Flow would expand it, or a 400 listing every validation message. */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const order = readOrderInput(this, itemIndex);
	return await validateOrder(client, this.getNode(), order, itemIndex);
}
