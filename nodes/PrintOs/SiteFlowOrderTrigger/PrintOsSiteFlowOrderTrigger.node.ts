/**
 * Polls Site Flow's order list for orders that reached the chosen statuses: for n8n instances that
 * Site Flow postbacks cannot reach (no public URL), at the cost of list requests on every poll. The
 * rules that keep it from announcing an order twice or missing one are in `orderWatch.ts`.
 */
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { siteFlowAuthentication } from '../SiteFlow/descriptions/authentication';
import { ORDER_STATUSES } from '../SiteFlow/order/orderStatuses';
import { simplifyOrder } from '../SiteFlow/order/simplifyOrder';
import { credentialTest } from '../shared/credentialTest';
import { PrintOsClient } from '../transport/client';
import type { PrintOsCredentialType } from '../transport/connection';
import {
	ANY_STATUS,
	baseline,
	newestMatching,
	pollWatch,
	statusOf,
	changedAt,
	type OrderFilters,
	type WatchState,
} from './orderWatch';

interface StoredWatches {
	watches?: Record<string, WatchState>;
}

function readFilters(context: IPollFunctions): OrderFilters {
	const raw = context.getNodeParameter('filters', {}) as { destination?: string; tags?: string };
	const tags = String(raw.tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	return { destination: String(raw.destination ?? '').trim() || undefined, tags: tags.length ? tags : undefined };
}

function readStatuses(context: IPollFunctions): string[] {
	const statuses = context.getNodeParameter('statuses', []) as string[];
	if (!statuses.length) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one status in "Statuses"');
	}
	return statuses.includes(ANY_STATUS) ? [ANY_STATUS] : [...new Set(statuses)];
}

function readFromDate(context: IPollFunctions): string | undefined {
	const value = String(context.getNodeParameter('fromDate', '') ?? '').trim();
	if (!value) return undefined;
	const parsed = Date.parse(value);
	if (!Number.isFinite(parsed)) {
		throw new NodeOperationError(context.getNode(), `"Announce Orders From" is not a date: "${value}"`);
	}
	return new Date(parsed).toISOString();
}

function toItem(order: IDataObject, status: string, simplify: boolean, seenAt: string): INodeExecutionData {
	return {
		json: {
			status,
			orderId: order._id,
			sourceOrderId: (order.orderData as IDataObject | undefined)?.sourceOrderId,
			changedAt: changedAt(order),
			seenAt,
			order: simplify ? simplifyOrder(order) : order,
		},
	};
}

export class PrintOsSiteFlowOrderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HP PrintOS Site Flow Order Trigger',
		name: 'printOsSiteFlowOrderTrigger',
		icon: { light: 'file:printosSiteFlowOrderTrigger.svg', dark: 'file:printosSiteFlowOrderTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Polling: " + $parameter["statuses"].join(", ")}}',
		description: 'Starts the workflow when Site Flow orders reach the chosen statuses, by polling (no public URL needed)',
		defaults: { name: 'Site Flow Order Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'siteFlowApi', required: true, testedBy: 'siteFlowApiConnectionTest', displayOptions: { show: { authentication: ['siteFlowApi'] } } },
			{ name: 'printOsApi', required: true, testedBy: 'printOsApiConnectionTest', displayOptions: { show: { authentication: ['printOsApi'] } } },
		],
		properties: [
			{
				displayName:
					'Each poll reads the order list (one request per status, more when many orders changed). The postback trigger (HP PrintOS Site Flow Trigger) is faster and costs no requests, but needs a public URL.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			siteFlowAuthentication,
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Any Status Change', value: ANY_STATUS, description: 'Every status an order is seen in for the first time' },
					...ORDER_STATUSES.map((status) => ({ ...status })),
				],
				default: ['shipped'],
				description: 'Start the workflow when an order is seen in one of these statuses. An order that passes through a status between two polls is seen only in the status it ends in.',
			},
			{
				displayName: 'Announce Orders From',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description:
					'On the first poll after activation, also announce orders that reached the statuses from this date on. Empty: the first poll only notes what is there and announces later changes.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Destination',
						name: 'destination',
						type: 'string',
						default: '',
						placeholder: 'hp.mypsp',
						description: 'Only orders sent to this PSP account (destination.name)',
					},
					{
						displayName: 'Tags',
						name: 'tags',
						type: 'string',
						default: '',
						placeholder: 'rush, wholesale',
						description: 'Only orders carrying all of these tags (comma-separated)',
					},
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the order instead of the raw data: IDs, status, sourceOrderId, items, shipments and tracking',
			},
		],
	};

	methods = { credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const statuses = readStatuses(this);
		const filters = readFilters(this);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const fromDate = readFromDate(this);
		const credentialType = this.getNodeParameter('authentication', 'siteFlowApi') as PrintOsCredentialType;
		const client = await PrintOsClient.create(this, credentialType);
		const seenAt = new Date().toISOString();

		if (this.getMode() === 'manual') {
			const newest = (await Promise.all(statuses.map(async (status) => await newestMatching(client, status, filters))))
				.filter((order): order is IDataObject => order !== undefined)
				.sort((a, b) => Date.parse(changedAt(b)) - Date.parse(changedAt(a)))[0];
			return newest ? [[toItem(newest, statusOf(newest), simplify, seenAt)]] : null;
		}

		const stored = this.getWorkflowStaticData('node') as StoredWatches;
		const previous = stored.watches ?? {};
		const next: Record<string, WatchState> = {};
		const items: Array<{ item: INodeExecutionData; at: number }> = [];
		for (const status of statuses) {
			const state = previous[status];
			if (!state && !fromDate) {
				next[status] = await baseline(client, status);
				continue;
			}
			const result = await pollWatch(client, status, state ?? { mark: fromDate as string, atMark: [], known: [] }, filters);
			next[status] = result.state;
			for (const change of result.changes) {
				items.push({ item: toItem(change.order, change.status, simplify, seenAt), at: Date.parse(change.updatedAt) });
			}
		}
		// only now, with every watch read, is the new state kept: a failed poll is repeated in full
		stored.watches = next;
		if (!items.length) return null;
		items.sort((a, b) => a.at - b.at);
		return [items.map(({ item }) => item)];
	}
}
