/**
 * Every operation of the Box and Site Flow nodes, as rows of the fault matrix: how to prepare
 * `count` input items for it (creating whatever it acts on, with faults off), how the transport
 * treats its first request when PrintOS fails it, and how to count its effects in the sandbox
 * (objects created, commands processed, orders) so that duplicates and lost items show.
 *
 * The rows are tables (boxTable.ts, siteFlowTable.ts); here each row becomes one `OperationSpec`
 * per credential it runs with, and the fixtures the other suites use are gathered.
 */
import type { Auth } from '../world';
import { BOX_TABLE } from './boxTable';
import { plainInput } from './inputs';
import { SITE_FLOW_TABLE } from './siteFlowTable';
import type { OperationRow, OperationSpec } from './types';

export { binaryItem, itemsOf, pdfBytes, rl, validOrder } from './fixtures';
export { ordersFor } from './effects';
export { makeContacts, makeFiles, makeFolders, submitOrders } from './setup';
export type { EffectKind, FirstRequest, OperationSpec, Prepared } from './types';

const AUTH_LABEL: Record<Auth, string> = { siteFlowApi: 'token', printOsApi: 'gateway' };

/** Box signs with the gateway key only; Site Flow with either credential, except where `tokenOnly`. */
function credentialsOf(row: OperationRow): Auth[] {
	if (row.node === 'box') return ['printOsApi'];
	return row.tokenOnly ? ['siteFlowApi'] : ['siteFlowApi', 'printOsApi'];
}

function specOf(row: OperationRow, auth: Auth): OperationSpec {
	const { node, resource, operation, first, effect, uploads, effects } = row;
	const name = `${node}.${resource}.${row.variant ?? operation}`;
	// Box has one credential: its ids and labels name none
	const [id, label] = node === 'box' ? [name, `Box › ${row.title}`] : [`${name} [${AUTH_LABEL[auth]}]`, `Site Flow › ${row.title} [${AUTH_LABEL[auth]}]`];
	return {
		id,
		label,
		node,
		auth,
		first,
		effect,
		...(uploads ? { uploads } : {}),
		async prepare(world, count, tag) {
			const input = await (row.input ?? plainInput)(world, count, tag);
			return { parameters: { resource, operation, ...row.parameters, ...input.parameters }, items: input.items, keys: input.keys ?? [] };
		},
		...(effects ? { effects } : {}),
	};
}

const specsOf = (table: OperationRow[]): OperationSpec[] => table.flatMap((row) => credentialsOf(row).map((auth) => specOf(row, auth)));

export const BOX_OPERATIONS: OperationSpec[] = specsOf(BOX_TABLE);
export const SITE_FLOW_OPERATIONS: OperationSpec[] = specsOf(SITE_FLOW_TABLE);
export const ALL_OPERATIONS: OperationSpec[] = [...BOX_OPERATIONS, ...SITE_FLOW_OPERATIONS];

export function operation(id: string): OperationSpec {
	const found = ALL_OPERATIONS.find((spec) => spec.id === id);
	if (!found) throw new Error(`no operation "${id}" in the matrix`);
	return found;
}
