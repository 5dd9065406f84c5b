/**
 * The error a locally invalid order raises: it names the input item and the exact path of the first
 * problem in its message, and lists every problem in its description, so one run shows all fixes.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OrderProblem } from './orderTypes';

export function formatOrderProblem(problem: OrderProblem): string {
	return `${problem.path} ${problem.message}`;
}

export function orderProblemsMessage(problems: OrderProblem[], itemIndex: number): string {
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
	return `Item ${itemIndex}: the order is not valid: ${formatOrderProblem(problems[0])}${more}`;
}

export function orderProblemsError(node: INode, problems: OrderProblem[], itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, orderProblemsMessage(problems, itemIndex), {
		itemIndex,
		description: `Nothing was sent to PrintOS. Fix these fields:\n${problems.map(formatOrderProblem).join('\n')}`,
	});
}
